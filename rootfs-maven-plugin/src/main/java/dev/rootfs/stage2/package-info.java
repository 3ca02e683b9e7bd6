/**
 * Second stage: configures unpacked packages by running the target's own maintainer scripts and dpkg in a user
 * namespace, chroot and fakeroot, under qemu-user for foreign architectures.
 *
 * <p>Entry point: {@link dev.rootfs.stage2.SecondStage#run}. The tree comes from the first stage: files in the
 * staging directory owned by the build user, owners/modes/devices in the {@link dev.rootfs.fs.RootfsModel}, dpkg's
 * status saying "install ok unpacked" and no maintainer script run yet. The run, as the build user:
 *
 * <ol>
 *   <li>checks the host: unprivileged user namespaces ({@link dev.rootfs.stage2.HostChecks} names the sysctl that
 *       blocks them) and, for a foreign architecture, a qemu-user binfmt_misc entry with the F flag;
 *   <li>seeds fakeroot's state from the model, keyed by the staging files' (dev, ino);
 *   <li>puts the target's fakeroot, a policy-rc.d (exit 101) and a no-op start-stop-daemon into the tree;
 *   <li>{@code unshare --map-root-user --mount --pid --fork --mount-proc}, binds /dev/{null,zero,full,random,
 *       urandom,tty} into the tree, mounts /proc, chroots with a clean environment into
 *       {@code fakeroot-sysv -i STATE -s STATE} and runs {@link dev.rootfs.stage2.SessionScript}: ldconfig, every
 *       preinst (base-passwd's first), dpkg --configure of the core packages in debootstrap's order, the rest of
 *       Essential, everything pending, {@code dpkg --configure -a}, with hooks at their moments;
 *   <li>removes what it added, runs mmdebstrap's cleanup ({@link dev.rootfs.stage2.CleanupStep}) and merges the
 *       staging directory back into the model with owners, modes and device nodes from fakeroot's state.
 * </ol>
 *
 * <p>Modes {@code none} and {@code deferred} run nothing here: the tree stays unpacked with {@link
 * dev.rootfs.stage2.SecondStage#finishScript}, the same session script for root on the device ({@code deferred} also
 * makes it the first boot's init). {@code chrootless} runs the same steps on the host with its dpkg's {@code --root}
 * ({@link dev.rootfs.stage2.ChrootlessStage}). {@code map-auto} runs as {@code auto} without fakeroot, with the
 * user's subordinate ids mapped and owners real on disk while a command runs ({@link dev.rootfs.stage2.MappedOwners}).
 */
package dev.rootfs.stage2;
