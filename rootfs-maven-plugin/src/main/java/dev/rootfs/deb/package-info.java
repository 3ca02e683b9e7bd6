/**
 * Reading .deb files (ar + control/data tarballs in every compression dpkg accepts) and unpacking them into a model.
 */
package dev.rootfs.deb;
