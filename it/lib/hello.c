/* Built and run inside an image (or against a sysroot) by the ITs and bench/arch-matrix.sh: proves that the
   image's toolchain and userland work. Prints the machine uname(2) reports. */
#include <stdio.h>
#include <sys/utsname.h>

int main(void) {
  struct utsname u;
  if (uname(&u) != 0) {
    perror("uname");
    return 1;
  }
  printf("hello from %s\n", u.machine);
  return 0;
}
