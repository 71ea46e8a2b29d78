// SPDX-License-Identifier: MIT
/* planted_circle_a.c - half of two rooms that call each other. */
int planted_circle_a(int n);
int planted_circle_b(int n);

int planted_circle_a(int n)
{
	return n ? planted_circle_b(n - 1) : 0;
}
