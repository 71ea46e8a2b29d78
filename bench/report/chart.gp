# SPDX-License-Identifier: MIT
# chart.gp - the bar chart of bench/report/report.py's ratios.
# gnuplot -e "datafile='x.dat'; outfile='x.png'; subtitle='...'" chart.gp
# Bars grow from 1 (parity) on a log scale, up when ukthread is better.
if (!exists("subtitle")) subtitle = ""
set terminal pngcairo size 1100,560 font "sans,10"
set output outfile
set title "ukthread's advantage: > 1 means ukthread is better (log scale)\n".subtitle
set style fill solid 0.85 border -1
set logscale y 2
set yrange [0.03125:32]
set ytics ("1/32" 0.03125, "1/16" 0.0625, "1/8" 0.125, "1/4" 0.25, "1/2" 0.5, \
	   "1" 1, "2" 2, "4" 4, "8" 8, "16" 16, "32" 32)
set grid ytics
set xtics rotate by -30 nomirror
set xrange [-0.6:*]
set offsets 0, 0.6, 0, 0	# room for the last pair of bars
set key top left
set datafile missing "?"
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 lc rgb "#444444"
# boxxyerror: x y xlow xhigh ylow yhigh, so each bar spans 1 .. its ratio.
plot datafile using ($0 - 0.2):2:($0 - 0.38):($0 - 0.02):(1):2:xtic(1) \
	with boxxyerror title "vs the best peer" lc rgb "#3b75af", \
     ""       using ($0 + 0.2):3:($0 + 0.02):($0 + 0.38):(1):3 \
	with boxxyerror title "vs the machine limit (fraction of it reached)" lc rgb "#ef8636"
