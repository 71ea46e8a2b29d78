/* SPDX-License-Identifier: MIT */
/*
 * libc_first.c - the main() of the libc_first test: the generated
 * libc_first_*.c files each include one compat header after <stdio.h>,
 * <stdlib.h>, <string.h>, <time.h>, <sys/time.h>, <pthread.h> and
 * <signal.h>; that they compiled (-Werror) is the test.
 */
#include <stdio.h>

int main(void)
{
	puts("libc_first: every compat header compiled after the libc headers");
	return 0;
}
