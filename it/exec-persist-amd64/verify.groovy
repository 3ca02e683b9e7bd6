// rootfs:exec after `mvn package`, as the ordinary user, and what the next `mvn package` makes of it:
// 1. without persist the rootfs is read-only: a write fails the build naming the command and its exit code, and
//    the next package finds the image up to date, byte for byte;
// 2. with -Drootfs.persist=true the change (owner and mode set under fakeroot included) is in the next image, and
//    the tree it was made in is kept (the up-to-date check does not throw it away);
// 3. when an input changes, the build starts from a fresh tree: the persisted change is gone.
def it = new GroovyShell(binding).parse(new File(itSupport))
def work = it.buildAsUser(basedir, localRepositoryPath, testCache)
def tar = new File(work, 'target/exec-persist-amd64-1.0.tar')
def sha = { -> it.run(['sha256sum', tar.path]).split(/\s+/)[0] }
def mvn = { List args ->
  def (code, out) = it.mvnAsUser(work, args)
  assert code == 0 : "mvn ${args.join(' ')} failed (${code}):\n${out}"
  return out
}
def first = sha()
def stamp = new File(work, 'target/rootfs/bootstrap.stamp').lastModified()

def write = 'echo kept > /etc/rootfs-persisted && chown 1234:5678 /etc/rootfs-persisted && chmod 0640 /etc/rootfs-persisted'
def (code, out) = it.mvnAsUser(work, ['rootfs:exec', '-Drootfs.command=' + write])
assert code != 0 : 'a write into the read-only rootfs succeeded:\n' + out
assert out =~ /rootfs:exec: '.*echo kept > \/etc\/rootfs-persisted.*' exited with [1-9]/ : out
assert mvn(['package']).contains('Images are up to date')
assert sha() == first : 'a failed read-only exec changed the image'

mvn(['rootfs:exec', '-Drootfs.persist=true', '-Drootfs.command=' + write])
def out2 = mvn(['package'])
assert out2.contains('rootfs is up to date') && !out2.contains('Images are up to date') : out2
assert new File(work, 'target/rootfs/bootstrap.stamp').lastModified() == stamp : 'the persisted tree was rebuilt'
def got = it.listing(tar)
assert got['etc/rootfs-persisted'][0..2] == ['-rw-r-----', '1234', '5678'] : got['etc/rootfs-persisted']
assert it.run(['tar', '-xOf', tar.path, './etc/rootfs-persisted']) == 'kept\n'
assert got['etc/shadow'][0..2] == ['-rw-r-----', '0', '42'] : 'owners of the image changed: ' + got['etc/shadow']
it.assertNoBuildLeftovers(got)
assert !got.containsKey('src') : 'the mount point of the project stayed in the image'

// rootfs:shell on a terminal (util-linux script gives it a pseudo-terminal): the shell's terminal exists inside
def shell = ['runuser', '-u', it.user(), '--', 'env', 'HOME=/home/' + it.user(), 'TERM=dumb', 'script', '-qec',
             "mvn -B -q -Dmaven.repo.local=${it.itTmp()}repo-${it.user()} rootfs:shell".toString(), '/dev/null']
        .execute(null, work)
shell.outputStream.withWriter { w -> w << 'tty; exit\n' }
def shellOut = new StringBuilder()
shell.waitForProcessOutput(shellOut, shellOut)
assert shell.exitValue() == 0 && shellOut =~ /(?m)^\/dev\/pts\/\d+\r?$/ : 'no terminal inside rootfs:shell:\n' + shellOut
assert !new File(work, 'target/rootfs/tree/dev/pts').list() : 'the bound terminals stayed in the tree'

mvn(['package', '-Drootfs.hostname=changed-input'])
assert !it.listing(tar).containsKey('etc/rootfs-persisted') : 'an input changed, yet the persisted tree was kept'
println "exec-persist-amd64: read-only exec refused, persisted change in the next image, gone after an input change;" +
    " rootfs:shell has its terminal"
return true
