/**
 * The first stage as one step: merged-/usr, unpacking every .deb in order, dpkg's database, /dev nodes,
 * policy-rc.d and the target's apt sources, all into a rootfs model without root.
 */
package dev.rootfs.firststage;
