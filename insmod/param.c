// SPDX-License-Identifier: MIT
/*
 * param.c - module parameters as insmod sets them.
 *
 * The module's constructors register its parameters while dlopen() runs
 * (ukt_insmod_add_param()); insmod_set_params() then parses the command
 * line the way the kernel parses module arguments: names match with '-'
 * and '_' alike; integers are read as kstrto*() reads them (base 0: a
 * 0x prefix is hex, a leading 0 octal; one trailing newline allowed; a
 * value out of the type's range is -ERANGE, anything else not a number
 * -EINVAL); bool is kstrtobool()'s y/Y/1/t/T/on or n/N/0/f/F/off, and a
 * bare name is true; arrays take comma-separated values, at most as many
 * as the array holds; strings must fit their buffer (-ENOSPC).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "insmod.h"

#define MAX_PARAMS 256

static const struct ukt_module_param *params[MAX_PARAMS];
static int nparams;

void ukt_insmod_add_param(const struct ukt_module_param *p)
{
	if (nparams == MAX_PARAMS) {
		fprintf(stderr, "ukthread-insmod: more than %d parameters: %s ignored\n",
			MAX_PARAMS, p->name);
		return;
	}
	params[nparams++] = p;
}

/* The kernel's parameq(): '-' and '_' are the same. */
static bool name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a == '-' ? '_' : *a, cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
	}
	return !*a && !*b;
}

/*
 * kstrtoull() with base 0 into @res; @neg_ok allows a leading '-' (the
 * result is then the negated magnitude, range checked by the caller
 * through @neg).  0 or -EINVAL / -ERANGE.
 */
static int parse_ull(const char *s, bool neg_ok, unsigned long long *res, bool *neg)
{
	unsigned long long v = 0;
	unsigned int base = 10;
	const char *p = s;
	bool any = false;

	*neg = false;
	if (*p == '+') {
		p++;
	} else if (*p == '-') {
		if (!neg_ok)
			return -EINVAL;
		*neg = true;
		p++;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    ((p[2] >= '0' && p[2] <= '9') || (p[2] >= 'a' && p[2] <= 'f') ||
	     (p[2] >= 'A' && p[2] <= 'F'))) {
		base = 16;
		p += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (; *p; p++) {
		unsigned int d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned int)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned int)(*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (unsigned int)(*p - 'A' + 10);
		else
			break;
		if (d >= base)
			return -EINVAL;
		if (v > (ULLONG_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
		any = true;
	}
	if (!any || (*p == '\n' ? p[1] != '\0' : *p != '\0'))
		return -EINVAL;
	*res = v;
	return 0;
}

/* An unsigned value at most @max; 0 or a negative errno. */
static int parse_unsigned(const char *s, unsigned long long max, unsigned long long *v)
{
	bool neg;
	int err = parse_ull(s, false, v, &neg);

	if (err)
		return err;
	return *v > max ? -ERANGE : 0;
}

/* A signed value in [@min, @max]; 0 or a negative errno. */
static int parse_signed(const char *s, long long min, long long max, long long *v)
{
	unsigned long long u;
	bool neg;
	int err = parse_ull(s, true, &u, &neg);

	if (err)
		return err;
	if (neg) {
		if (u > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*v = u == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)u;
	} else {
		if (u > (unsigned long long)LLONG_MAX)
			return -ERANGE;
		*v = (long long)u;
	}
	return *v < min || *v > max ? -ERANGE : 0;
}

/* kstrtobool(): 0 with *@b set, or -EINVAL. */
static int parse_bool(const char *s, bool *b)
{
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*b = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*b = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*b = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*b = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

static size_t elem_size(int type)
{
	switch (type) {
	case UKT_PARAM_BOOL: case UKT_PARAM_INVBOOL: return sizeof(bool);
	case UKT_PARAM_BYTE: return sizeof(unsigned char);
	case UKT_PARAM_SHORT: case UKT_PARAM_USHORT: return sizeof(short);
	case UKT_PARAM_INT: case UKT_PARAM_UINT: case UKT_PARAM_HEXINT: return sizeof(int);
	case UKT_PARAM_LONG: case UKT_PARAM_ULONG: return sizeof(long);
	case UKT_PARAM_ULLONG: return sizeof(unsigned long long);
	default: return sizeof(char *);
	}
}

/* Parse @val (NULL: a bare name) as @type into @dst; 0 or a negative errno. */
static int set_one(int type, const char *val, void *dst)
{
	unsigned long long u;
	long long s;
	bool b;
	int err;

	if (!val && type != UKT_PARAM_BOOL && type != UKT_PARAM_INVBOOL)
		return -EINVAL;		/* only bools may go without a value */
	switch (type) {
	case UKT_PARAM_BOOL:
	case UKT_PARAM_INVBOOL:
		b = true;
		if (val && (err = parse_bool(val, &b)))
			return err;
		*(bool *)dst = type == UKT_PARAM_BOOL ? b : !b;
		return 0;
	case UKT_PARAM_BYTE:
		if ((err = parse_unsigned(val, UCHAR_MAX, &u)))
			return err;
		*(unsigned char *)dst = (unsigned char)u;
		return 0;
	case UKT_PARAM_SHORT:
		if ((err = parse_signed(val, SHRT_MIN, SHRT_MAX, &s)))
			return err;
		*(short *)dst = (short)s;
		return 0;
	case UKT_PARAM_USHORT:
		if ((err = parse_unsigned(val, USHRT_MAX, &u)))
			return err;
		*(unsigned short *)dst = (unsigned short)u;
		return 0;
	case UKT_PARAM_INT:
		if ((err = parse_signed(val, INT_MIN, INT_MAX, &s)))
			return err;
		*(int *)dst = (int)s;
		return 0;
	case UKT_PARAM_UINT:
	case UKT_PARAM_HEXINT:
		if ((err = parse_unsigned(val, UINT_MAX, &u)))
			return err;
		*(unsigned int *)dst = (unsigned int)u;
		return 0;
	case UKT_PARAM_LONG:
		if ((err = parse_signed(val, LONG_MIN, LONG_MAX, &s)))
			return err;
		*(long *)dst = (long)s;
		return 0;
	case UKT_PARAM_ULONG:
		if ((err = parse_unsigned(val, ULONG_MAX, &u)))
			return err;
		*(unsigned long *)dst = (unsigned long)u;
		return 0;
	case UKT_PARAM_ULLONG:
		if ((err = parse_unsigned(val, ULLONG_MAX, &u)))
			return err;
		*(unsigned long long *)dst = u;
		return 0;
	case UKT_PARAM_CHARP: {
		char *copy;

		if (strlen(val) > 1024)
			return -ENOSPC;
		copy = strdup(val);
		if (!copy)
			return -ENOMEM;
		*(char **)dst = copy;	/* the old value may be the module's literal */
		return 0;
	}
	}
	return -EINVAL;
}

/* Set parameter @p from @val; 0 or a negative errno. */
static int set_param(const char *modname, const struct ukt_module_param *p,
		     const char *val)
{
	if (p->type == UKT_PARAM_STRING) {
		if (!val)
			return -EINVAL;
		if (strlen(val) + 1 > p->max) {
			fprintf(stderr, "%s: string parameter too long\n", p->name);
			return -ENOSPC;
		}
		memcpy(p->arg, val, strlen(val) + 1);
		return 0;
	}
	if (!p->array)
		return set_one(p->type, val, p->arg);
	if (!val)
		return -EINVAL;

	/* An array: comma-separated values, at most p->max of them. */
	char *copy = strdup(val), *cur = copy, *comma;
	unsigned int n = 0;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	do {
		comma = strchr(cur, ',');
		if (comma)
			*comma = '\0';
		if (n == p->max) {
			fprintf(stderr, "%s: can only take %u arguments\n", p->name, p->max);
			err = -EINVAL;
			break;
		}
		err = set_one(p->type, cur, (char *)p->arg + n * elem_size(p->type));
		if (err)
			break;
		n++;
		cur = comma + 1;
	} while (comma);
	free(copy);
	if (!err && p->num)
		*p->num = n;
	return err;
}

int insmod_set_params(const char *modname, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		char *arg = strdup(argv[i]), *eq, *val = NULL;
		const struct ukt_module_param *p = NULL;
		int err;

		if (!arg)
			return -ENOMEM;
		eq = strchr(arg, '=');
		if (eq) {
			*eq = '\0';
			val = eq + 1;
		}
		for (int j = 0; j < nparams && !p; j++)
			if (name_eq(params[j]->name, arg))
				p = params[j];
		err = p ? set_param(modname, p, val) : -ENOENT;
		if (err == -ENOENT)
			fprintf(stderr, "%s: Unknown parameter `%s'\n", modname, arg);
		else if (err == -ENOSPC)
			fprintf(stderr, "%s: `%s' too large for parameter `%s'\n", modname,
				val ? val : "", arg);
		else if (err)
			fprintf(stderr, "%s: `%s' invalid for parameter `%s'\n", modname,
				val ? val : "", arg);
		free(arg);
		if (err)
			return err;
	}
	return 0;
}
