# SPDX-License-Identifier: MIT
# scale.gp - the scale section's chart: the cost of one operation against
# N, log-log, one line per implementation and operation, one panel per
# curve family.  bench/report/report.py writes the data:
#   DATA.<panel>.ukthread, DATA.<panel>.peer: a block per operation, its
#	title on its first line, then "N median min max" (bars: min..max);
#   DATA.vars: n_<panel>_ukthread, n_<panel>_peer, the number of blocks.
# gnuplot -e "datafile='DATA'; outfile='x.png'; subtitle='...'" scale.gp
# ukthread's lines are solid, the peer's dashed, one colour per operation.
if (!exists("subtitle")) subtitle = ""
load datafile.'.vars'
set terminal pngcairo size 1200,900 font "sans,10"
set output outfile
set datafile missing "?"
set logscale xy 10
set format x "10^{%L}"
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd"
set key top left reverse Left box opaque samplen 3 font ",9"
set xlabel "N"
set ylabel "us per operation"
set offsets graph 0.05, graph 0.05, 0, 0
colour(i) = word("#3b75af #ef8636 #519e3e", i + 1)
set multiplot layout 2,2 title "ukthread at scale: cost per operation against N (log-log); solid: ukthread, dashed: the peer; bars: min..max of the repetitions\n".subtitle

panels = "timers kthreads workers waiters"
titles = "'timers armed (peer: libuv)' 'kthreads alive (peer: pthreads), per thread' 'workers, one work each (peer: a GThreadPool each)' 'waiters on one wait queue (peer: condvar broadcast), per waiter'"
do for [k = 1:4] {
	p = word(panels, k)
	nu = value('n_'.p.'_ukthread')
	np = value('n_'.p.'_peer')
	set title word(titles, k)
	if (nu + np == 0) {
		set label 1 "not measured" at graph 0.5, 0.5 center
		plot [1:10] [1:10] 1 notitle lc rgb "white"
		unset label 1
	} else {
		plot for [i = 0:nu - 1] datafile.'.'.p.'.ukthread' index i using 1:2:3:4 \
			with yerrorlines lw 2 pt 7 ps 0.8 dt 1 lc rgb colour(i) title columnheader(1), \
		     for [i = 0:np - 1] datafile.'.'.p.'.peer' index i using 1:2:3:4 \
			with yerrorlines lw 2 pt 6 ps 0.8 dt 2 lc rgb colour(i) title columnheader(1)
	}
}
unset multiplot
