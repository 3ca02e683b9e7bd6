/* Built and run inside the image by rootfs:exec: proves the image's own toolchain and userland work. */
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
