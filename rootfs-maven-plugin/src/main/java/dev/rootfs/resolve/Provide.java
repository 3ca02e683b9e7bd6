package dev.rootfs.resolve;

import java.util.Optional;

/** A version that provides a (virtual) name, with the provided version of a versioned Provides. */
record Provide(PackageVersion owner, Optional<DebianVersion> version) {

  /** Whether this provide satisfies {@code relation}: unversioned provides only satisfy unversioned relations. */
  boolean satisfies(Relation relation) {
    if (relation.constraint().isEmpty()) {
      return true;
    }
    return version.isPresent() && relation.acceptsVersion(version.get());
  }
}
