# Customize hooks run last: the overlay and the accounts are already there, and what a hook chowns keeps its owner.
grep -qx 'it-board 1.0' /etc/board-release
id debian
mkdir /srv/hooked
chown debian:debian /srv/hooked
