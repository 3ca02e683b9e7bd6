// Shared by the verify scripts of the Invoker projects: run commands, find the host's mirror, and rebuild a project
// as an ordinary user (CI runs everything else as root; a rootless claim is only proved by a non-root build).
// Load with: def it = new GroovyShell(binding).parse(new File(itSupport)) (a script variable the plugin POM sets)

String run(List cmd, File dir = null) {
  def p = cmd.collect { it.toString() }.execute(null, dir)
  def out = new StringBuilder()
  p.waitForProcessOutput(out, out) // waits for the output threads too, not just the process
  if (p.exitValue() != 0) {
    throw new AssertionError("${cmd.join(' ')} failed (${p.exitValue()}):\n${out}")
  }
  return out.toString()
}

/** The first mirror of the host's deb822 apt sources. */
String mirror() {
  new File('/etc/apt/sources.list.d').listFiles().findAll { it.name.endsWith('.sources') }.sort()
      .collectMany { it.readLines() }.find { it.startsWith('URIs:') }.substring(5).trim().split(/\s+/)[0]
}

/**
 * Where the ordinary user's copies of projects and of the IT repository go: /tmp/rootfs-it- unless ROOTFS_IT_TMP
 * names another prefix, so two checkouts can run their ITs at the same time without overwriting each other's copies.
 */
String itTmp() {
  System.getenv('ROOTFS_IT_TMP') ?: '/tmp/rootfs-it-'
}

String user() {
  def user = 'rootfsdev'
  if (['id', user].execute().waitFor() != 0) {
    run(['useradd', '--create-home', user])
  }
  return user
}

/**
 * Copies the project to /tmp, owned by the ordinary user, with a copy of the IT repository it can write, and runs
 * `mvn clean package` (or the goals given) there as that user. Returns the copy's directory.
 */
File buildAsUser(File basedir, File localRepositoryPath, String testCache, List extraArgs = [],
                 List goals = ['clean', 'package']) {
  def user = user()
  def work = new File(itTmp() + basedir.name)
  def repo = new File(itTmp() + 'repo-' + user)
  // Refreshed every time: the plugin under test must be this build's, not one an earlier run copied.
  run(['mkdir', '-p', repo.path])
  run(['cp', '-r', localRepositoryPath.path + '/.', repo.path])
  run(['rm', '-rf', work.path])
  run(['cp', '-r', basedir.path, work.path])
  run(['rm', '-rf', new File(work, 'target').path, new File(work, 'build.log').path])
  run(['chown', '-R', user, work.path, repo.path])
  def (code, out) = mvnAsUser(work, ['-q'] + extraArgs + goals)
  if (code != 0) {
    throw new AssertionError("mvn ${(extraArgs + goals).join(' ')} as ${user} in ${work} failed (${code}):\n${out}")
  }
  return work
}

/**
 * Runs Maven as the ordinary user in {@code work} (a project {@link #buildAsUser} copied) with the user's copy of
 * the IT repository and the user's own default download cache (~/.cache/rootfs-maven-plugin), as a new user would
 * have it. Returns [exit code, output].
 */
List mvnAsUser(File work, List args) {
  def user = user()
  def cmd = ['runuser', '-u', user, '--', 'env', 'HOME=/home/' + user, 'mvn', '-B',
             '-Dmaven.repo.local=' + itTmp() + 'repo-' + user] + args
  def p = cmd.collect { it.toString() }.execute(null, work)
  def out = new StringBuilder()
  p.waitForProcessOutput(out, out)
  return [p.exitValue(), out.toString()]
}

/** Runs a command as the ordinary user, with its own home. */
String asUser(List cmd, File dir) {
  def user = user()
  return run(['runuser', '-u', user, '--', 'env', 'HOME=/home/' + user] + cmd, dir)
}

/** The ordinary user's local Maven repository: a copy of the IT repository, refreshed from it on every call. */
File userRepository(File localRepositoryPath) {
  def repo = new File(itTmp() + 'repo-' + user())
  run(['mkdir', '-p', repo.path])
  run(['cp', '-r', localRepositoryPath.path + '/.', repo.path])
  run(['chown', '-R', user(), repo.path])
  return repo
}

/**
 * Generates one board preset's project from the archetype under test as the ordinary user, the way the README tells
 * a new user to, in an emptied {@code work}; returns the project's directory.
 */
File generateBoard(String board, File work, File repo, String archetypeVersion) {
  run(['rm', '-rf', work.path])
  run(['mkdir', '-p', work.path])
  run(['chown', user(), work.path])
  asUser(['mvn', '-B', '-q', '-Dmaven.repo.local=' + repo.path,
          'org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate', '-DarchetypeGroupId=dev.rootfs',
          '-DarchetypeArtifactId=rootfs-archetype', '-DarchetypeVersion=' + archetypeVersion, '-Dboard=' + board], work)
  def project = new File(work, board + '-rootfs')
  assert new File(project, 'pom.xml').isFile() : "no project generated for board ${board} in ${work}"
  return project
}

/** `tar --numeric-owner -tvf` as path -> [mode, uid, gid, link target]. */
Map listing(File tar) {
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

/**
 * What a finished image must not keep from its build: qemu, the borrowed fakeroot, policy-rc.d, the session's
 * files, a resolv.conf. {@code got} is a {@link #listing}.
 */
void assertNoBuildLeftovers(Map got) {
  ['usr/sbin/policy-rc.d', 'etc/resolv.conf', 'usr/bin/fakeroot', 'usr/bin/fakeroot-sysv', 'rootfs-stage2']
      .each { assert !got.containsKey(it) : "${it} left in the image" }
  def tools = got.keySet().findAll { it =~ /qemu-|rootfs-stage2|libfakeroot|\.rootfs-stage2$/ }
  assert tools.isEmpty() : "build tools left in the image: ${tools}"
}

/**
 * The image must not carry the build host's identity: its name in etc/hostname, etc/mailname or etc/hosts, or its
 * etc/machine-id. Read from the tarball itself, not the tree.
 */
void assertNoHostIdentity(File tar, Map got) {
  def hostName = run(['hostname']).trim()
  def hostId = new File('/etc/machine-id').isFile() ? new File('/etc/machine-id').text.trim() : null
  def text = { String p -> got.containsKey(p) && got[p][0].startsWith('-') ? run(['tar', '-xOf', tar.path, './' + p]) : '' }
  ['etc/hostname', 'etc/mailname'].each { p -> assert text(p).trim() != hostName : "${p} names the build host" }
  def names = text('etc/hosts').readLines().findAll { !it.startsWith('#') && !it.isBlank() }
      .collectMany { it.trim().split(/\s+/).drop(1).toList() }
  assert !names.contains(hostName) : "etc/hosts names the build host ${hostName}: ${names}"
  assert !hostId || text('etc/machine-id').trim() != hostId : "etc/machine-id is the build host's"
}

/** Puts the one hello.c of it/lib into the project as src/hello.c. */
void withHelloSource(File project) {
  new File(project, 'src').mkdirs()
  new File(project, 'src/hello.c').bytes = new File(new File(itSupport).parentFile, 'hello.c').bytes
}

/**
 * Issue 7's litmus test for one architecture: the project (minbase + build-essential) is built as the ordinary
 * user with `clean verify`, where rootfs:exec compiles src/hello.c inside the image and runs it. The program must
 * report {@code machine}, every package must be installed, and the image must hold nothing of the build or the exec.
 */
void assertHelloWorld(File basedir, File localRepositoryPath, String testCache, String machine, List extraArgs = []) {
  long started = System.currentTimeMillis()
  withHelloSource(basedir)
  def work = buildAsUser(basedir, localRepositoryPath, testCache, extraArgs, ['clean', 'verify'])
  println "${basedir.name}: built and ran hello as ${user()} in ${(System.currentTimeMillis() - started) / 1000} s"
  assert new File(work, 'target/hello.out').text == "hello from ${machine}\n"
  def image = new File(work, "target/${basedir.name}-1.0.tar.zst")
  def tar = new File(work, 'target/image.tar')
  run(['sh', '-c', "zstd -q -d -c '${image}' > '${tar}'"])
  def got = listing(tar)
  assertNoBuildLeftovers(got)
  assertNoHostIdentity(tar, got)
  assert !got.containsKey('src') && !got.keySet().any { it.endsWith('/hello.out') } : 'rootfs:exec changed the image'
  assert got.containsKey('usr/bin/gcc') || got.containsKey('usr/bin/gcc-12') || got.containsKey('usr/bin/gcc-14')
  def status = run(['tar', '-xOf', tar.path, './var/lib/dpkg/status']).readLines().findAll { it.startsWith('Status: ') }
  assert status.size() > 100 && status.every { it == 'Status: install ok installed' } : status.unique()
}

/** path -> sha256 of every regular file under {@code dir} (run as root: the trees hold root-only files). */
Map contentHashes(File dir) {
  def out = [:]
  run(['sh', '-c', "cd '${dir}' && find . -type f -print0 | xargs -0 -r sha256sum"]).readLines().each { l ->
    def (hash, path) = [l.substring(0, 64), l.substring(66)]
    out[path.replaceFirst('^\\./', '')] = hash
  }
  return out
}

/**
 * Issue 4's parity check: the project (minbase of {@code suite} for {@code arch}, both stages, nothing customized)
 * built as the ordinary user from the mirror's suite alone, against `mmdebstrap --variant=minbase --mode=MODE` of
 * the same suite, arch and mirror (run once as root per package set and mode, cached in the test cache). Paths, file types,
 * owners, modes, link targets, device numbers and the bytes of every regular file must be equal, except the
 * differences listed in {@code explained} with their reasons; inside ours, dpkg --audit and apt-get check are clean.
 */
void assertLikeMmdebstrap(File basedir, File localRepositoryPath, String testCache, String arch, Map explained,
                          String suite = 'bookworm', String mode = 'root') {
  long started = System.currentTimeMillis()
  def work = buildAsUser(basedir, localRepositoryPath, testCache, ['-Drootfs.mirror=' + mirror()])
  long ours = System.currentTimeMillis() - started
  def tar = new File(work, "target/${basedir.name}-1.0.tar")
  def manifest = new File(work, "target/${basedir.name}-1.0.manifest")
  def key = run(['sha256sum', manifest.path]).substring(0, 12)
  def ref = new File(testCache, "reference/mmdebstrap-${suite}-${arch}-minbase-${mode == 'root' ? '' : mode + '-'}${key}.tar")
  long mm = -1
  if (!ref.isFile()) {
    ref.parentFile.mkdirs()
    started = System.currentTimeMillis()
    run(['mmdebstrap', '--quiet', '--variant=minbase', "--architectures=${arch}", "--mode=${mode}", suite,
         ref.path + '.tmp.tar', "deb ${mirror()} ${suite} main"])
    mm = System.currentTimeMillis() - started
    run(['mv', ref.path + '.tmp.tar', ref.path])
  }
  def refPackages = run(['sh', '-c', "tar -xOf '${ref}' ./var/lib/dpkg/status | sed -n 's/^Package: //p' | sort"])
  def ourPackages = manifest.readLines().findAll { it.trim() }.collect { it.split(/\s+/)[0] }.sort().join('\n')
  assert ourPackages == refPackages.trim() : 'mmdebstrap installed another package set'

  def roots = ['mm': ref, 'ours': tar].collectEntries { name, t ->
    def dir = new File(work, "target/compare-${name}")
    run(['rm', '-rf', dir.path])
    dir.mkdirs()
    run(['tar', '--numeric-owner', '-xpf', t.path, '-C', dir.path])
    [(name): dir]
  }
  def meta = ['mm': listing(ref), 'ours': listing(tar)]
  def bytes = ['mm': contentHashes(roots.mm), 'ours': contentHashes(roots.ours)]
  def problems = []
  (meta.mm.keySet() + meta.ours.keySet()).toSorted().each { p ->
    def a = meta.mm[p], b = meta.ours[p]
    String why = null
    if (a == null) why = "only ours: ${b}"
    else if (b == null) why = "only mmdebstrap: ${a}"
    else if (a != b) why = "mmdebstrap ${a}, ours ${b}"
    else if (bytes.mm[p] != bytes.ours[p]) why = 'contents differ'
    if (why != null && !explained.containsKey(p)) problems << "${p}: ${why}"
  }
  assert problems.isEmpty() : "differences from mmdebstrap nobody explained:\n" + problems.join('\n')
  def autoInstalled = { File root ->
    new File(root, 'var/lib/apt/extended_states').text.split(/\n\n+/).collect { it.trim() }.findAll().toSorted()
  }
  assert autoInstalled(roots.ours) == autoInstalled(roots.mm) : 'apt\'s Auto-Installed marks differ'
  def unused = explained.keySet().findAll { p ->
    meta.mm[p] == meta.ours[p] && bytes.mm[p] == bytes.ours[p]
  }
  assert unused.isEmpty() : "explained differences that are gone (remove them from the list): ${unused}"
  // inside our result (as root, through binfmt for a foreign arch): every package installed, dpkg and apt content
  def status = new File(roots.ours, 'var/lib/dpkg/status').readLines().findAll { it.startsWith('Status: ') }
  assert status && status.every { it == 'Status: install ok installed' } : status.unique()
  assert run(['chroot', roots.ours.path, 'dpkg', '--audit']).trim().isEmpty()
  run(['chroot', roots.ours.path, 'apt-get', 'check', '-q'])
  run(['rm', '-rf', roots.mm.path, roots.ours.path])
  println "${basedir.name}: ${meta.ours.size()} paths, ${explained.size()} explained differences from mmdebstrap; " +
      "ours ${ours / 1000} s as ${user()}" + (mm >= 0 ? ", mmdebstrap ${mm / 1000} s as root (${mode} mode)" : ' (reference cached)')
}
