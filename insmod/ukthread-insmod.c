// SPDX-License-Identifier: MIT
/*
 * ukthread-insmod - load a kernel module built against ukthread's compat
 * headers, as insmod does: ukthread-insmod [options] MODULE.so [param=value ...]
 *
 * 1. dlopen(RTLD_NOW): an undefined symbol is a load error naming it.
 *    The module's constructors hand over its init and exit functions and
 *    its parameters (<ukthread/insmod.h>); a module with the legacy entry
 *    points built without them is looked up by name, in the module's own
 *    file only (never libc's init_module() system call wrapper).
 * 2. The parameters are set from the command line, then init runs.  A
 *    failure is reported with the module's name, exit status 1, and its
 *    exit function is not called.
 * 3. The module stays loaded until SIGINT or SIGTERM, or --for SECONDS.
 * 4. Its exit function runs; every kthread still running after it is
 *    reported by name and stopped (exit status 3).
 */
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <link.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ukthread.h>

#include "insmod.h"

/* What the module's constructors told us while dlopen() ran. */
static struct {
	int (*init)(void);
	const char *init_name;
	void (*exit)(void);
	const char *exit_name;
	const char *modname;
} mod;

void ukt_insmod_set_init(int (*fn)(void), const char *fn_name, const char *modname)
{
	if (mod.init)
		fprintf(stderr, "ukthread-insmod: a second init function %s() ignored\n", fn_name);
	else
		mod = (__typeof__(mod)){ fn, fn_name, mod.exit, mod.exit_name, modname };
}

void ukt_insmod_set_exit(void (*fn)(void), const char *fn_name)
{
	if (mod.exit) {
		fprintf(stderr, "ukthread-insmod: a second exit function %s() ignored\n", fn_name);
		return;
	}
	mod.exit = fn;
	mod.exit_name = fn_name;
}

static void usage(FILE *f)
{
	fputs("usage: ukthread-insmod [--for SECONDS] [--loglevel LEVEL] MODULE.so [param=value ...]\n"
	      "  --for SECONDS     unload after SECONDS (default: on SIGINT or SIGTERM)\n"
	      "  --loglevel LEVEL  print kernel messages below LEVEL (0-8, default 7),\n"
	      "                    or of level name LEVEL and more urgent (err, info, debug ...)\n",
	      f);
}

/* The module name, as the kernel makes it from the file: basename, no .so, '-' -> '_'. */
static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name = strdup(base ? base + 1 : path), *dot;

	if (!name)
		return NULL;
	dot = strstr(name, ".so");
	if (dot)
		*dot = '\0';
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

/* Symbol @sym of the module @h, only if it is defined in the module's own file. */
static void *own_symbol(void *h, const char *sym)
{
	struct link_map *lm = NULL;
	void *addr = dlsym(h, sym);
	Dl_info info;

	if (!addr || dlinfo(h, RTLD_DI_LINKMAP, &lm) || !lm ||
	    !dladdr(addr, &info) || !info.dli_fname || strcmp(info.dli_fname, lm->l_name))
		return NULL;
	return addr;
}

/* Sleep until SIGINT/SIGTERM, or @seconds if >= 0.  Returns the signal, or 0. */
static int wait_for_unload(const sigset_t *set, double seconds)
{
	int sig;

	if (seconds < 0) {
		while ((sig = sigwaitinfo(set, NULL)) < 0 && errno == EINTR)
			;
		return sig;
	}
	struct timespec ts = { (time_t)seconds, (long)((seconds - floor(seconds)) * 1e9) };

	while ((sig = sigtimedwait(set, NULL, &ts)) < 0 && errno == EINTR)
		;
	return sig < 0 ? 0 : sig;
}

/* Stop every kthread left running; the number of them. */
static int stop_leftovers(const char *modname)
{
	struct task_struct *tasks[256];
	size_t n = ukt_kthreads_get(tasks, 256), kept = n < 256 ? n : 256;
	int left = 0;

	for (size_t i = 0; i < kept; i++) {
		struct task_struct *t = tasks[i];
		char name[64];

		get_kthread_comm(name, sizeof(name), t);
		if (!(__atomic_load_n(&t->flags, __ATOMIC_ACQUIRE) & PF_EXITING)) {
			fprintf(stderr, "ukthread-insmod: WARNING: module %s left kthread %s "
				"(pid %d) running after its exit function: stopping it\n",
				modname, name, t->pid);
			left++;
		}
		kthread_stop(t);	/* a zombie is reaped quietly */
		put_task_struct(t);
	}
	if (n > kept)
		fprintf(stderr, "ukthread-insmod: WARNING: %zu more kthreads left\n", n - kept);
	return left + (int)(n - kept);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "for", required_argument, NULL, 'f' },
		{ "loglevel", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	double seconds = -1;
	const char *path;
	char *modname, *end;
	sigset_t set;
	void *h;
	int c, ret;

	while ((c = getopt_long(argc, argv, "+f:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			seconds = strtod(optarg, &end);
			if (end == optarg || *end || !(seconds >= 0)) {
				fprintf(stderr, "ukthread-insmod: --for needs seconds, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'l':
			insmod_loglevel = insmod_parse_loglevel(optarg);
			if (insmod_loglevel < 0) {
				fprintf(stderr, "ukthread-insmod: bad --loglevel '%s'\n", optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	path = argv[optind];
	insmod_log_init();

	/* SIGINT and SIGTERM are waited for; threads made from here inherit the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "ukthread-insmod: ERROR: could not load module %s: %s\n",
			path, dlerror());
		return 1;
	}
	if (!mod.init) {	/* built without <linux/init.h>: look in the file itself */
		mod.init = (int (*)(void))own_symbol(h, "init_module");
		mod.init_name = "init_module";
	}
	if (!mod.exit && (mod.exit = (void (*)(void))own_symbol(h, "cleanup_module")))
		mod.exit_name = "cleanup_module";
	modname = mod.modname && strcmp(mod.modname, "module") ? strdup(mod.modname) :
		  name_from_path(path);
	if (!modname)
		return 1;

	ret = insmod_set_params(modname, argc - optind - 1, argv + optind + 1);
	if (ret) {
		fprintf(stderr, "ukthread-insmod: ERROR: could not insert module %s: %s\n", path,
			ret == -ENOENT ? "Unknown parameter" : "Invalid parameters");
		free(modname);
		return 1;
	}
	if (mod.init) {
		ret = mod.init();
		if (ret) {
			fprintf(stderr, "%s: %s() failed: %d (%s)\n", modname, mod.init_name, ret,
				ret < 0 ? strerror(-ret) : "not an errno");
			fprintf(stderr, "ukthread-insmod: ERROR: could not insert module %s: %s\n",
				path, ret < 0 ? strerror(-ret) : "init failed");
			free(modname);
			return 1;
		}
	}
	insmod_log("\0016ukthread-insmod: %s loaded%s\n", modname,
		   seconds < 0 ? "; SIGINT or SIGTERM unloads it" : "");

	c = wait_for_unload(&set, seconds);
	insmod_log("\0016ukthread-insmod: unloading %s%s%s\n", modname, c ? " on " : "",
		   c ? strsignal(c) : "");
	if (mod.exit)
		mod.exit();
	else
		fprintf(stderr, "ukthread-insmod: %s has no exit function\n", modname);
	ret = stop_leftovers(modname) ? 3 : 0;
	free(modname);
	return ret;
}
