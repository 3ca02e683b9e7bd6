// See pom.xml: our chrootless trixie amd64 minbase (the host's dpkg, as the ordinary user) against mmdebstrap's
// chrootless mode (as root), path by path and byte by byte. The differences explained for the default mode hold here
// too where they apply; those particular to chrootless are added below.
def it = new GroovyShell(binding).parse(new File(itSupport))
Map common = new GroovyShell(binding).evaluate(new File(new File(itSupport).parentFile, 'mmdebstrap-differences.groovy'))
Map explained = common.subMap(['etc/apt/sources.list', 'etc/apt/sources.list.d/debian.sources', 'etc/fstab',
    'etc/hostname', 'etc/resolv.conf', 'etc/shadow', 'var/cache/apt/archives/lock', 'var/lib/apt/lists/lock',
    'var/cache/apt/archives/partial', 'var/lib/apt/lists/partial', 'var/lib/apt/extended_states',
    'var/lib/dpkg/available', 'var/lib/dpkg/statoverride', 'var/lib/dpkg/status-old', 'var/cache/debconf/config.dat',
    'var/cache/debconf/config.dat-old', 'var/cache/debconf/templates.dat-old'])
explained += [
  'etc/shells': 'mmdebstrap\'s chrootless run lists /usr/bin/bash and /usr/bin/rbash a second time after the'
      + ' update-shells lines; ours holds each shell once, as update-shells writes it',
  'var/lib/dpkg/diversions-old': 'dpkg\'s previous diversions: a snapshot from another moment of the run (mmdebstrap\'s'
      + ' still lists the usr-is-merged diversions that base-files and libc6 removed since)',
]
it.assertLikeMmdebstrap(basedir, localRepositoryPath, testCache, 'amd64', explained, 'trixie', 'chrootless')
return true
