// Where a finished minbase of ours differs from mmdebstrap's on purpose or for a reason we know, path -> reason.
// it/parity-* fail on any other difference, and on a listed one that has gone away.
[
  'etc/apt/sources.list': 'mmdebstrap writes one-line sources; we write deb822 sources.list.d/debian.sources',
  'etc/apt/sources.list.d/debian.sources': 'ours, deb822 with Signed-By (see etc/apt/sources.list)',
  'etc/fstab': 'mmdebstrap writes "# UNCONFIGURED FSTAB"; a board project brings its own',
  'etc/hostname': 'mmdebstrap in root mode copies the build host\'s; a rootfs never takes the host\'s',
  'etc/resolv.conf': 'mmdebstrap in root mode copies the build host\'s; a rootfs never takes the host\'s',
  'etc/shells': 'same lines, other order: mmdebstrap lets the usrmerge package merge /usr after debianutils wrote the'
      + ' file, so the /usr/bin entries come last; we (as debootstrap) merge /usr before unpacking',
  'etc/shadow': 'the last password change is the day of SOURCE_DATE_EPOCH (2024-01-01 here), mmdebstrap\'s today',
  'var/cache/apt/archives/lock': 'apt\'s lock file: mmdebstrap ran apt inside, we did not',
  'var/lib/apt/lists/lock': 'apt\'s lock file: mmdebstrap ran apt inside, we did not',
  'var/cache/apt/archives/partial': 'apt makes it _apt:root 0700 when it first runs as root; ours is as packaged',
  'var/lib/apt/lists/partial': 'apt makes it _apt:root 0700 when it first runs as root; ours is as packaged',
  'var/lib/apt/extended_states': 'the same Auto-Installed packages (checked apart), sorted by name where apt writes its'
      + ' own cache order',
  'var/lib/dpkg/available': 'an empty file debootstrap also creates; dpkg does not need it',
  'var/lib/dpkg/statoverride': 'an empty file debootstrap also creates; dpkg does not need it',
  'var/lib/dpkg/status-old': 'dpkg\'s previous status: a snapshot from another moment of the run',
  'var/cache/debconf/config.dat': 'debconf lists template owners as mmdebstrap\'s apt named them (libc6, libc6:amd64)',
  'var/cache/debconf/config.dat-old': 'debconf\'s previous database: a snapshot from another moment of the run',
  'var/cache/debconf/templates.dat-old': 'debconf\'s previous database: a snapshot from another moment of the run',
]
