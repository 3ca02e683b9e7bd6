package dev.rootfs.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One apt run's marking, modelled on apt 2.6's pkgDepCache::MarkInstall (apt-pkg/depcache.cc) with
 * Install-Recommends off, the internal solver and a single architecture. It keeps apt's per-package state (candidate,
 * install and current version, mode, the Protected flag) and follows its walk: or-groups already satisfied by a
 * marked package are skipped, otherwise the possible solutions of every alternative are sorted as apt's
 * CompareProviders sorts them and the first whose own dependencies can be marked wins, depth first. The side effects
 * that decide later choices are kept too: a failed auto-install discards the candidate, user requests are protected
 * and protection spreads along dependencies with a single solution, a protected package's conflicts discard the
 * conflicting candidates. Nothing here is copied from apt; it mirrors the behaviour so the package sets are equal.
 */
final class AptMarker {

  enum Mode { KEEP, INSTALL }

  /** apt's StateCache for one package name (real or virtual). */
  static final class State {
    final String name;
    final int id;
    final List<PackageVersion> versions;
    final List<Provide> providedBy;
    final boolean essential;
    final boolean important;
    PackageVersion candidate;
    PackageVersion install;
    PackageVersion current;
    Mode mode = Mode.KEEP;
    boolean protect;

    State(String name, int id, List<PackageVersion> versions, List<Provide> providedBy, boolean essential,
        boolean important) {
      this.name = name;
      this.id = id;
      this.versions = versions;
      this.providedBy = providedBy;
      this.essential = essential;
      this.important = important;
    }

    @Override
    public String toString() {
      return name + "[" + mode + " cand=" + candidate + " inst=" + install + (protect ? " protected" : "") + "]";
    }
  }

  private enum Selector { INSTALL, CANDIDATE, CANDIDATE_AND_INSTALLED }

  private static final int MAX_DEPTH = 3000;

  private final PackageUniverse universe;
  private final String arch;
  private final Set<String> forceEssential;
  private final Map<String, State> states = new HashMap<>();

  /**
   * @param forceEssential names apt treats as essential although their stanza does not say so (apt's
   *     pkgCacheGen::ForceEssential: "apt" by default, nothing when mmdebstrap sets it to ",")
   * @param excluded names whose candidates are removed before marking
   * @param installed versions already installed (dpkg status), by name
   */
  AptMarker(PackageUniverse universe, Set<String> forceEssential, Set<String> excluded,
      Map<String, PackageVersion> installed) {
    this.universe = universe;
    this.arch = universe.architecture();
    this.forceEssential = forceEssential;
    for (String name : excluded) {
      state(name).candidate = null;
    }
    installed.forEach((name, v) -> {
      State s = state(name);
      s.current = v;
      s.install = v;
    });
  }

  State state(String name) {
    return states.computeIfAbsent(name, n -> {
      List<PackageVersion> versions = universe.versionsOf(n);
      State s = new State(n, universe.aptPackageId(n), versions, universe.providesOf(n),
          universe.isEssential(n) || forceEssential.contains(n), universe.hasImportantFlag(n)
              || forceEssential.contains(n));
      s.candidate = versions.isEmpty() ? null : versions.get(0);
      return s;
    });
  }

  boolean isEssential(String name) {
    return state(name).essential;
  }

  /** The versions marked for installation, by name, in apt's package order. */
  Map<String, PackageVersion> marked() {
    Map<String, PackageVersion> out = new LinkedHashMap<>();
    states.values().stream()
        .filter(s -> s.mode == Mode.INSTALL && s.install != null)
        .sorted(Comparator.comparingInt(s -> s.id))
        .forEach(s -> out.put(s.name, s.install));
    return out;
  }

  // ---- the two commands mmdebstrap runs -------------------------------------------------------------------------

  /**
   * {@code apt-get install ARGS}: every requested version becomes the candidate, is protected and marked without
   * its dependencies (apt's TryToInstall), then each is marked again with auto-install in the same order.
   */
  void install(List<PackageVersion> requested) {
    List<State> later = new ArrayList<>();
    for (PackageVersion v : requested) {
      State s = state(v.name);
      s.candidate = v;
      s.protect = true;
      markInstall(s, false, 0, true);
      later.add(s);
    }
    for (State s : later) {
      markInstall(s, true, 0, true);
    }
  }

  /**
   * {@code apt-get dist-upgrade} on an empty status: each essential package (apt included unless ForceEssential
   * says otherwise) not yet marked is marked with auto-install, in the order of apt's group hash table.
   */
  void distUpgradeEssentials() {
    List<String> names = new ArrayList<>();
    for (String n : universe.packageNames()) {
      if (state(n).essential) {
        names.add(n);
      }
    }
    names.sort(AptMarker::compareByAptHash);
    for (String n : names) {
      State s = state(n);
      if (s.mode != Mode.INSTALL) {
        markInstall(s, true, 0, false);
      }
    }
  }

  /** The order apt's GrpIterator walks: hash bucket, then length, then bytes. */
  static int compareByAptHash(String a, String b) {
    int c = Integer.compareUnsigned(aptHash(a), aptHash(b));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : a.compareTo(b);
  }

  /** apt's pkgCache::sHash (djb2 over lower-case ASCII) modulo its default table size. */
  static int aptHash(String name) {
    int h = 5381;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      h = 33 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return Integer.remainderUnsigned(h, 196613);
  }

  // ---- MarkInstall ------------------------------------------------------------------------------------------------

  boolean markInstall(State p, boolean autoInst, int depth, boolean fromUser) {
    if (p.protect && p.mode == Mode.KEEP && p.candidate != null && p.candidate == p.current) {
      // only here to propagate protection to the dependencies
    } else if (!isModeChangeOk(Mode.INSTALL, p, depth, fromUser)) {
      return false;
    }
    if (p.candidate == null) {
      return false;
    }
    if (!p.protect && !instBroken(p)) {
      if (p.candidate == p.current) {
        return p.install == null ? markKeep(p, fromUser, depth + 1) : true;
      } else if (p.mode == Mode.INSTALL) {
        return true;
      }
    }
    if (!dependenciesSatisfiableByCandidates(p, autoInst)) {
      return false;
    }
    if (fromUser) {
      stateChange(p);
    }
    boolean failEarly = !p.protect && !fromUser;
    boolean hasFailed = false;
    List<DependencyGroup> toInstall = new ArrayList<>();
    PackageVersion pv = p.candidate;
    if (autoInst) {
      List<DependencyGroup> toRemove = new ArrayList<>();
      collectDependencies(p, pv, toInstall, toRemove);
      if (!removeConflicts(pv, depth, toRemove, p.protect, fromUser)) {
        if (failEarly) {
          return false;
        }
        hasFailed = true;
      }
    }
    if (!fromUser) {
      stateChange(p);
    }
    if (!autoInst) {
      return !hasFailed;
    }
    boolean alreadyProtected = p.protect;
    p.protect = true;
    try {
      if (!installDependencies(p, pv, depth, toInstall, alreadyProtected, fromUser)) {
        if (failEarly) {
          discardInstall(p);
          return false;
        }
        hasFailed = true;
      }
    } finally {
      if (!alreadyProtected) {
        p.protect = false;
      }
    }
    return !hasFailed;
  }

  private boolean isModeChangeOk(Mode mode, State p, int depth, boolean fromUser) {
    if (depth > MAX_DEPTH || p.versions.isEmpty()) {
      return false;
    }
    if (fromUser || p.mode == mode) {
      return true;
    }
    return !p.protect;
  }

  private boolean markKeep(State p, boolean fromUser, int depth) {
    if (!isModeChangeOk(Mode.KEEP, p, depth, fromUser)) {
      return false;
    }
    if (p.mode == Mode.KEEP) {
      return true;
    }
    p.mode = Mode.KEEP;
    p.install = p.current;
    return true;
  }

  private void stateChange(State p) {
    if (p.protect && p.install == p.candidate) {
      return;
    }
    p.mode = Mode.INSTALL;
    p.install = p.candidate;
    if (p.candidate == p.current) {
      p.mode = Mode.KEEP;
    }
  }

  private void discardInstall(State p) {
    if (p.mode == Mode.KEEP && p.install == p.candidate && p.candidate == p.current) {
      return;
    }
    p.install = p.current;
    p.mode = Mode.KEEP;
    p.candidate = p.install;
  }

  /** apt's InstBroken: the install version has a critical relation the marked set does not satisfy. */
  private boolean instBroken(State p) {
    if (p.install == null) {
      return false;
    }
    for (DependencyGroup g : p.install.criticalGroups(arch)) {
      if (!groupOk(g, p.install, Selector.INSTALL)) {
        return true;
      }
    }
    return false;
  }

  /**
   * apt's IsInstallOkDependenciesSatisfiableByCandidates: with auto-install, every critical positive group must be
   * satisfiable by a marked or candidate version; if not, an unprotected package loses its candidate.
   */
  private boolean dependenciesSatisfiableByCandidates(State p, boolean autoInst) {
    if (!autoInst || p.candidate == null || p.candidate == p.current) {
      return true;
    }
    for (DependencyGroup g : p.candidate.criticalGroups(arch)) {
      if (g.negative()) {
        continue;
      }
      boolean found = false;
      for (Relation r : g.alternatives()) {
        if (satisfied(r, p.candidate, false, Selector.INSTALL) || satisfied(r, p.candidate, false, Selector.CANDIDATE)) {
          found = true;
          break;
        }
      }
      if (found) {
        continue;
      }
      if (!p.protect) {
        p.candidate = p.current;
        p.mode = Mode.KEEP;
      }
      return false;
    }
    return true;
  }

  private void collectDependencies(State p, PackageVersion pv, List<DependencyGroup> toInstall,
      List<DependencyGroup> toRemove) {
    boolean propagateProtected = p.protect;
    for (DependencyGroup g : pv.criticalGroups(arch)) {
      if (groupOk(g, pv, Selector.INSTALL) && !propagateProtected) {
        continue;
      }
      (g.negative() ? toRemove : toInstall).add(g);
    }
  }

  /**
   * apt's MarkInstall_RemoveConflictsIfNotUpgradeable for new installs: a conflicting marked package is kept back
   * instead; a protected installer discards (and protects) the conflicting candidates so they are never chosen.
   */
  private boolean removeConflicts(PackageVersion pv, int depth, List<DependencyGroup> toRemove,
      boolean propagateProtected, boolean fromUser) {
    boolean failed = false;
    for (DependencyGroup g : toRemove) {
      for (PackageVersion v : possibleSolutions(g, pv, Selector.CANDIDATE, true)) {
        State s = state(v.name);
        if (s.candidate != v) {
          continue;
        }
        if (s.current == v) {
          continue; // removing installed packages is out of scope: bootstrap starts from an empty status
        }
        if (s.mode == Mode.INSTALL && !markKeep(s, false, depth)) {
          failed = true;
          if (!propagateProtected && !fromUser) {
            break;
          }
        } else if (propagateProtected) {
          s.candidate = s.install;
          if (s.current == null) {
            s.protect = true;
          }
        }
      }
      if (failed && !propagateProtected && !fromUser) {
        break;
      }
    }
    return !failed;
  }

  private boolean installDependencies(State p, PackageVersion pv, int depth, List<DependencyGroup> toInstall,
      boolean propagateProtected, boolean fromUser) {
    boolean failed = false;
    for (DependencyGroup g : toInstall) {
      boolean found = groupOk(g, pv, Selector.INSTALL);
      if (found && !propagateProtected) {
        continue;
      }
      if (found) {
        List<PackageVersion> solutions = possibleSolutions(g, pv, Selector.CANDIDATE_AND_INSTALLED, false);
        if (solutions.size() != 1) {
          continue;
        }
        State s = state(solutions.get(0).name);
        if (s.protect) {
          continue;
        }
        s.protect = true;
        if (!markInstall(s, true, depth + 1, false)) {
          failed = true;
        }
        continue;
      }
      List<PackageVersion> solutions = possibleSolutions(g, pv, Selector.CANDIDATE, true);
      for (PackageVersion v : solutions) {
        State s = state(v.name);
        if (s.candidate != v) {
          continue;
        }
        if (propagateProtected && solutions.size() == 1) {
          if (!markInstall(s, false, depth + 1, false)) {
            continue;
          }
          s.protect = true;
        }
        if (!markInstall(s, true, depth + 1, false)) {
          continue;
        }
        found = true;
        break;
      }
      if (!found) {
        failed = true;
        if (!propagateProtected && !fromUser) {
          break;
        }
      }
    }
    return !failed;
  }

  // ---- relation checks --------------------------------------------------------------------------------------------

  /** A positive group is ok when an alternative is satisfied; a negative one when its target is not there. */
  private boolean groupOk(DependencyGroup g, PackageVersion parent, Selector selector) {
    for (Relation r : g.alternatives()) {
      if (satisfied(r, parent, g.negative(), selector)) {
        return !g.negative();
      }
    }
    return g.negative();
  }

  State target(Relation r) {
    String q = r.architectureQualifier().orElse("");
    if (q.isEmpty() || q.equals("native") || q.equals(arch)) {
      return state(r.name());
    }
    return state(r.name() + ":" + q);
  }

  private static Function<State, PackageVersion> select(Selector selector) {
    return switch (selector) {
      case INSTALL -> s -> s.install;
      case CANDIDATE, CANDIDATE_AND_INSTALLED -> s -> s.candidate;
    };
  }

  boolean satisfied(Relation r, PackageVersion parent, boolean negative, Selector selector) {
    Function<State, PackageVersion> which = select(selector);
    State t = target(r);
    if (!(negative && t.name.equals(parent.name))) {
      PackageVersion v = which.apply(t);
      if (v != null && r.acceptsVersion(v.version)) {
        return true;
      }
    }
    for (Provide prv : t.providedBy) {
      if (negative && prv.owner().name.equals(parent.name)) {
        continue;
      }
      if (which.apply(state(prv.owner().name)) == prv.owner() && prv.satisfies(r)) {
        return true;
      }
    }
    return false;
  }

  /** apt's VersionContainer::FromDependency: the versions (of the target or its providers) satisfying one alternative. */
  private List<PackageVersion> fromDependency(Relation r, PackageVersion parent, boolean negative, Selector selector) {
    List<PackageVersion> out = new ArrayList<>();
    State t = target(r);
    List<Function<State, PackageVersion>> getters = selector == Selector.CANDIDATE_AND_INSTALLED
        ? List.of(s -> s.candidate, s -> s.current)
        : List.of(select(selector));
    for (Function<State, PackageVersion> which : getters) {
      PackageVersion v = which.apply(t);
      if (v != null && !(negative && t.name.equals(parent.name)) && r.acceptsVersion(v.version)) {
        out.add(v);
      }
      List<Provide> provs = t.providedBy;
      for (int i = provs.size() - 1; i >= 0; i--) { // apt prepends to its provides list
        Provide prv = provs.get(i);
        if (negative && prv.owner().name.equals(parent.name)) {
          continue;
        }
        if (which.apply(state(prv.owner().name)) == prv.owner() && prv.satisfies(r)) {
          out.add(prv.owner());
        }
      }
    }
    return out;
  }

  /** apt's getAllPossibleSolutions: per alternative, providers sorted; installed ones first; unique; not forbidden. */
  private List<PackageVersion> possibleSolutions(DependencyGroup g, PackageVersion parent, Selector selector,
      boolean sorted) {
    List<PackageVersion> toUpgrade = new ArrayList<>();
    List<PackageVersion> toNewInstall = new ArrayList<>();
    for (Relation r : g.alternatives()) {
      List<PackageVersion> verlist = fromDependency(r, parent, g.negative(), selector);
      if (!sorted) {
        toUpgrade.addAll(verlist);
        continue;
      }
      verlist.sort(providerOrder(target(r)));
      for (PackageVersion v : verlist) {
        (state(v.name).current != null ? toUpgrade : toNewInstall).add(v);
      }
    }
    if (toUpgrade.isEmpty()) {
      toUpgrade = toNewInstall;
    } else {
      toUpgrade.addAll(toNewInstall);
    }
    if (!sorted) {
      toUpgrade.sort(Comparator.comparingInt(v -> v.index));
    }
    List<PackageVersion> unique = new ArrayList<>();
    for (PackageVersion v : toUpgrade) {
      if (unique.isEmpty() || unique.get(unique.size() - 1) != v) {
        unique.add(v);
      }
    }
    if (!g.negative()) {
      unique.removeIf(v -> {
        State s = state(v.name);
        return s.protect && s.mode == Mode.KEEP && s.current == null;
      });
    }
    return unique;
  }

  /** apt's CompareProviders for a dependency on {@code target}, as a Comparator (earlier = preferred). */
  private Comparator<PackageVersion> providerOrder(State target) {
    return (a, b) -> before(target, a, b) ? -1 : before(target, b, a) ? 1 : 0;
  }

  private boolean before(State target, PackageVersion av, PackageVersion bv) {
    State a = state(av.name);
    State b = state(bv.name);
    if (a.protect != b.protect) {
      return a.protect;
    }
    boolean sameA = av.multiArch.equals("same");
    boolean sameB = bv.multiArch.equals("same");
    if (sameA || sameB) {
      boolean instA = sameA && a.current != null;
      boolean instB = sameB && b.current != null;
      if (instA != instB) {
        return instA;
      }
    }
    if ((a.current == null) != (b.current == null)) {
      return a.current != null;
    }
    if (!a.name.equals(b.name)) {
      if (a.name.equals(target.name)) {
        return true;
      } else if (b.name.equals(target.name)) {
        return false;
      }
    }
    if (a.essential != b.essential) {
      return a.essential;
    }
    if (a.important != b.important) {
      return a.important;
    }
    if (av.priority != bv.priority) {
      return av.priority < bv.priority;
    }
    return a.id > b.id;
  }
}
