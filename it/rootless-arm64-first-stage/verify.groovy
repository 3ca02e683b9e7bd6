// As an ordinary user, `mvn package` builds a bookworm arm64 minbase first stage whose owners, modes and link targets
// equal those of `debootstrap --foreign --variant=minbase --arch=arm64` (run as root) for every path both contain,
// except the differences listed below with their reasons; and two clean builds give the same SHA-256.
def it = new GroovyShell(binding).parse(new File(itSupport))

def refTar = new File(testCache, 'reference/debootstrap-foreign-bookworm-arm64-minbase.tar')
if (!refTar.isFile()) {
  def dir = new File(testCache, 'reference/debootstrap-foreign-arm64.tmp')
  it.run(['rm', '-rf', dir.path])
  it.run(['debootstrap', '--foreign', '--variant=minbase', '--arch=arm64', 'bookworm', dir.path, it.mirror()])
  refTar.parentFile.mkdirs()
  it.run(['tar', '--numeric-owner', '-C', dir.path, '-cf', refTar.path + '.tmp', '.'])
  it.run(['mv', refTar.path + '.tmp', refTar.path])
  it.run(['rm', '-rf', dir.path])
}

def sha = { File work ->
  def tar = new File(work, 'target/rootless-arm64-first-stage-1.0.tar')
  assert tar.isFile()
  assert it.run(['stat', '-c', '%U', tar.path]).trim() == it.user()
  return it.run(['sha256sum', tar.path]).split(/\s+/)[0]
}
def first = sha(it.buildAsUser(basedir, localRepositoryPath, testCache))
def work = it.buildAsUser(basedir, localRepositoryPath, testCache)
def second = sha(work)
assert first == second : "two clean builds differ: ${first} vs ${second}"

def ref = it.listing(refTar)
def got = it.listing(new File(work, 'target/rootless-arm64-first-stage-1.0.tar'))
def expected = [
  'proc': 'debootstrap saw a container on this host and made /proc a symlink; a rootfs keeps the directory',
]
def shared = ref.keySet().intersect(got.keySet())
def diffs = shared.findAll { ref[it] != got[it] }
def unexplained = diffs.findAll { !expected.containsKey(it) }
assert unexplained.isEmpty() : unexplained.collect { "${it}: debootstrap ${ref[it]}, ours ${got[it]}" }.join('\n')
assert shared.size() > 6000 : "only ${shared.size()} paths in common with debootstrap"
println "rootless arm64 first stage: ${got.size()} paths, ${shared.size()} shared with debootstrap --foreign, " +
    "${diffs.size()} explained differences, SHA-256 ${first} twice"
return true
