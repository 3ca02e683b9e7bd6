// As an ordinary user, `mvn package` builds a bookworm arm64 minbase first stage whose owners, modes and link targets
// equal those of `debootstrap --foreign --variant=minbase --arch=arm64` (run as root) for every path both contain,
// except the differences listed below with their reasons; and two clean builds give the same SHA-256.
def run(List cmd, File dir = null) {
  def p = cmd.execute(null, dir)
  def out = new StringBuilder()
  p.consumeProcessOutput(out, out)
  p.waitFor()
  if (p.exitValue() != 0) {
    throw new AssertionError("${cmd.join(' ')} failed (${p.exitValue()}):\n${out}")
  }
  return out.toString()
}

def user = 'rootfsdev'
if (['id', user].execute().waitFor() != 0) {
  run(['useradd', '--create-home', user])
}
def mirror = new File('/etc/apt/sources.list.d').listFiles().findAll { it.name.endsWith('.sources') }.sort()
    .collectMany { it.readLines() }.find { it.startsWith('URIs:') }.substring(5).trim().split(/\s+/)[0]
def cache = new File(testCache)
def refTar = new File(cache, 'reference/debootstrap-foreign-bookworm-arm64-minbase.tar')
if (!refTar.isFile()) {
  def dir = new File(cache, 'reference/debootstrap-foreign-arm64.tmp')
  run(['rm', '-rf', dir.path])
  run(['debootstrap', '--foreign', '--variant=minbase', '--arch=arm64', 'bookworm', dir.path, mirror])
  refTar.parentFile.mkdirs()
  run(['tar', '--numeric-owner', '-C', dir.path, '-cf', refTar.path + '.tmp', '.'])
  run(['mv', refTar.path + '.tmp', refTar.path])
  run(['rm', '-rf', dir.path])
}

// The ordinary user's copy of the project, its own download cache, and the IT repository it may read and write.
def work = new File('/tmp/rootfs-it-rootless-arm64')
run(['rm', '-rf', work.path])
run(['cp', '-r', basedir.path, work.path])
run(['rm', '-rf', new File(work, 'target').path, new File(work, 'build.log').path])
def userCache = new File(cache, 'content-' + user)
userCache.mkdirs()
// A copy of the IT repository (with the plugin under test) where the user can read and write, wherever CI cloned us.
def repo = new File('/tmp/rootfs-it-repo-' + user)
run(['rm', '-rf', repo.path])
run(['cp', '-r', localRepositoryPath.path, repo.path])
run(['chown', '-R', user, work.path, userCache.path, repo.path])
def build = {
  run(['runuser', '-u', user, '--', 'env', 'HOME=/home/' + user, 'mvn', '-B', '-q',
       '-Dmaven.repo.local=' + repo.path, '-Drootfs.cacheDirectory=' + userCache.path,
       'clean', 'package'], work)
  def tar = new File(work, 'target/rootless-arm64-first-stage-1.0.tar')
  assert tar.isFile()
  return run(['sha256sum', tar.path]).split(/\s+/)[0]
}
def first = build()
def second = build()
assert first == second : "two clean builds differ: ${first} vs ${second}"
def ours = new File(work, 'target/rootless-arm64-first-stage-1.0.tar')
assert run(['stat', '-c', '%U', ours.path]).trim() == user

def listing = { File tar ->
  def entries = [:]
  run(['tar', '--numeric-owner', '-tvf', tar.path]).readLines().each { l ->
    def m = l =~ /^(\S+) (\d+)\/(\d+)\s+\S+ \S+ \S+ (.*)$/
    assert m.matches() : l
    def mode = m.group(1), name = m.group(4), link = null
    if (name.contains(' -> ')) { (name, link) = name.split(' -> ', 2) }
    // Which member of a hard-link group carries the bytes is the writer's choice; both trees hold the same group.
    if (name.contains(' link to ')) { name = name.split(' link to ', 2)[0]; mode = '-' + mode.substring(1) }
    name = name.replaceAll('/$', '').replaceFirst('^\\./', '')
    entries[name] = [mode, m.group(2), m.group(3), link]
  }
  return entries
}
def ref = listing(refTar)
def got = listing(ours)
def expected = [
  'proc': 'debootstrap saw a container on this host and made /proc a symlink; a rootfs keeps the directory',
]
def diffs = (ref.keySet() & got.keySet()).findAll { ref[it] != got[it] }
def unexplained = diffs.findAll { !expected.containsKey(it) }
assert unexplained.isEmpty() : unexplained.collect { "${it}: debootstrap ${ref[it]}, ours ${got[it]}" }.join('\n')
assert got.size() > 6000 && (ref.keySet() & got.keySet()).size() > 6000
println "rootless arm64 first stage: ${got.size()} paths, ${(ref.keySet() & got.keySet()).size()} shared with " +
    "debootstrap --foreign, ${diffs.size()} explained differences, SHA-256 ${first} twice"
return true
