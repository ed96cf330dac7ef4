#!/usr/bin/env python3
"""Typing while saving: how long after each answer key its frame starts, and whether answers typed
faster than they can be saved are all taken in, and all saved.

usage: tui_typing.py [--keys ynyny44] -- khaosat edit FILE

FILE: a visit opened at an item where KEYS answer one item each (the default fits the embedded
template opened at prep.committee_met: five yes/no items, then two 1–5 scales). FILE is put back
as it was between the two runs and left with the second run's answers. Prints:
  key_to_frame_ms median M max X   run 1, one key every 0.3 s: from the key to its frame's first byte
  burst N keys, quiet after T ms    run 2, all keys written at once
  saved_answers A of N              answers in FILE after run 2 (the program saved them all)
"""
import argparse, fcntl, os, pty, re, select, statistics, struct, termios, time

ap = argparse.ArgumentParser()
ap.add_argument("--keys", default="ynyny44")
ap.add_argument("--cols", type=int, default=80)
ap.add_argument("--rows", type=int, default=24)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
visit_file = cmd[-1]
original = open(visit_file, "rb").read()


def spawn():
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.setdefault("TERM", "xterm-256color")
        os.environ.setdefault("LANG", "C.UTF-8")
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    return pid, fd


def drain(fd, settle):
    """Read until quiet for `settle` s; return (bytes, time of the first byte, of the last)."""
    got, first, last = 0, None, None
    while True:
        r, _, _ = select.select([fd], [], [], settle)
        if not r:
            return got, first, last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return got, first, last
        if not chunk:
            return got, first, last
        last = time.monotonic()
        first = first or last
        got += len(chunk)


def leave(pid, fd):
    os.write(fd, b"q")  # back to the home screen or out; pending saves are flushed on exit
    drain(fd, 0.3)
    os.close(fd)  # hang-up: the program saves and exits
    for _ in range(100):
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
        time.sleep(0.05)
    os.kill(pid, 9)
    os.waitpid(pid, 0)


pid, fd = spawn()
drain(fd, 1.0)
lat = []
for key in a.keys:
    t = time.monotonic()
    os.write(fd, key.encode())
    _, first, _ = drain(fd, 0.3)
    if first is not None:
        lat.append((first - t) * 1000)
leave(pid, fd)
if lat:
    print(f"key_to_frame_ms median {statistics.median(lat):.1f} max {max(lat):.1f}")

open(visit_file, "wb").write(original)
pid, fd = spawn()
drain(fd, 1.0)
t = time.monotonic()
os.write(fd, a.keys.encode())
_, _, last = drain(fd, 0.5)
print(f"burst {len(a.keys)} keys, quiet after {((last or t) - t) * 1000:.0f} ms")
leave(pid, fd)
text = open(visit_file, encoding="utf-8").read()
print(f"saved_answers {len(re.findall(r'value: Some', text))} of {len(a.keys)}")
