#!/bin/sh
# Test fixture: a tree as the Java first stage leaves it -- every package of a minbase set extracted, dpkg's
# database written with "install ok unpacked", no maintainer script run. Runs as root (mmdebstrap extract), so the
# owners on disk are the real ones; the Java test helper scans them into a RootfsModel.
# Also puts the target's fakeroot and libfakeroot .debs into DEBDIR (the second stage borrows them).
# usage: make-unpacked-tree.sh DIR SUITE ARCH MIRROR DEBDIR
set -eu
dir=$1 suite=$2 arch=$3 mirror=$4 debdir=$5
fr=$(mktemp -d)
trap 'rm -rf "$fr"' EXIT
mmdebstrap --variant=extract --architectures="$arch" --include=fakeroot --skip=cleanup/apt/cache \
  --skip=essential/unlink --skip=check/qemu "$suite" "$fr/x" "$mirror"
mkdir -p "$debdir"
cp "$fr"/x/var/cache/apt/archives/fakeroot_*.deb "$fr"/x/var/cache/apt/archives/libfakeroot_*.deb "$debdir"
mmdebstrap --variant=extract --architectures="$arch" --include='?priority(required)' --include=apt \
  --skip=cleanup/apt/cache --skip=essential/unlink --skip=check/qemu "$suite" "$dir" "$mirror"
python3 - "$dir" <<'PY'
import os, subprocess, sys, tempfile, hashlib
root = sys.argv[1]
archives = os.path.join(root, "var/cache/apt/archives")
info = os.path.join(root, "var/lib/dpkg/info")
status = []
for deb in sorted(f for f in os.listdir(archives) if f.endswith(".deb")):
    path = os.path.join(archives, deb)
    control = subprocess.run(["dpkg-deb", "-f", path], check=True, capture_output=True, text=True).stdout
    fields = {}
    for line in control.splitlines():
        if line and not line[0].isspace() and ":" in line:
            k = line.split(":", 1)[0]
            fields[k] = line.split(":", 1)[1].strip()
    name = fields["Package"]
    key = name + ":" + fields["Architecture"] if fields.get("Multi-Arch") == "same" else name
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-e", path, tmp], check=True)
        conffiles = []
        for member in sorted(os.listdir(tmp)):
            if member == "control":
                continue
            with open(os.path.join(tmp, member), "rb") as src:
                data = src.read()
            target = os.path.join(info, key + "." + member)
            with open(target, "wb") as out:
                out.write(data)
            os.chmod(target, os.stat(os.path.join(tmp, member)).st_mode & 0o7777)
            if member == "conffiles":
                conffiles = [l for l in data.decode().splitlines() if l.strip()]
    listing = subprocess.run(["dpkg-deb", "--fsys-tarfile", path], check=True, capture_output=True).stdout
    names = subprocess.run(["tar", "-t"], input=listing, check=True, capture_output=True).stdout.decode().splitlines()
    paths = []
    for n in names:
        n = n.lstrip(".").rstrip("/")
        paths.append(n if n else "/.")
    with open(os.path.join(info, key + ".list"), "w") as out:
        out.write("\n".join(paths) + "\n")
    lines = control.rstrip("\n").splitlines()
    para = [lines[0], "Status: install ok unpacked"] + lines[1:]
    if conffiles:
        desc = next(i for i, l in enumerate(para) if l.startswith("Description:"))
        cf = ["Conffiles:"]
        for c in conffiles:
            c = c.split()[-1]
            with open(os.path.join(root, c.lstrip("/")), "rb") as f:
                cf.append(" " + c + " " + hashlib.md5(f.read()).hexdigest())
        para = para[:desc] + cf + para[desc:]
    status.append("\n".join(para) + "\n")
with open(os.path.join(root, "var/lib/dpkg/status"), "w") as out:
    out.write("\n".join(status))
PY
rm -f "$dir"/var/cache/apt/archives/*.deb
