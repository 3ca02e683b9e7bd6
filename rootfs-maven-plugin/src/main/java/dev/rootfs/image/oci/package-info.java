/**
 * OCI images: the rootfs as the single layer of an OCI image layout, archived as one tar (oci-archive), for podman,
 * skopeo and registries; the layer is the tar image, so both hold the same tree.
 */
package dev.rootfs.image.oci;
