#!/usr/bin/env python3
"""Typing while saving: how long after each answer key its frame starts, and whether a burst of
answers typed faster than they can be saved is all taken in (and saved).

usage: tui_typing.py [--keys N] [--burst M] -- khaosat edit FILE

FILE should be a visit opened at a yes/no item with yes/no items after it. Prints:
  key_to_frame_ms median|max   time from writing one answer key to the first byte of its frame
  burst_keys M settle_ms T     M answer keys written at once; T = until the screen is quiet
  saved_answers A              answers in FILE once the program has exited
"""
import argparse, fcntl, os, pty, re, select, statistics, struct, termios, time

ap = argparse.ArgumentParser()
ap.add_argument("--keys", type=int, default=8)
ap.add_argument("--burst", type=int, default=20)
ap.add_argument("--cols", type=int, default=80)
ap.add_argument("--rows", type=int, default=24)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
visit_file = cmd[-1]

pid, fd = pty.fork()
if pid == 0:
    os.environ.setdefault("TERM", "xterm-256color")
    os.environ.setdefault("LANG", "C.UTF-8")
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))


def drain(settle):
    """Read until quiet for `settle` s; return (bytes, time of the first byte or None)."""
    got, first = 0, None
    while True:
        r, _, _ = select.select([fd], [], [], settle)
        if not r:
            return got, first
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return got, first
        if not chunk:
            return got, first
        if first is None:
            first = time.monotonic()
        got += len(chunk)


drain(1.0)
lat = []
for i in range(a.keys):
    key = b"yn"[i % 2 : i % 2 + 1]
    t = time.monotonic()
    os.write(fd, key)
    _, first = drain(0.3)
    if first is not None:
        lat.append((first - t) * 1000)
if lat:
    print(f"key_to_frame_ms median {statistics.median(lat):.1f} max {max(lat):.1f}")
t = time.monotonic()
os.write(fd, b"y" * a.burst)
drain(0.5)
print(f"burst_keys {a.burst} settle_ms {(time.monotonic() - t - 0.5) * 1000:.0f}")
os.write(fd, b"\x1b")  # leave the checklist (saves are flushed on the way out)
drain(0.3)
os.close(fd)
for _ in range(100):
    if os.waitpid(pid, os.WNOHANG)[0]:
        break
    time.sleep(0.05)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
text = open(visit_file, encoding="utf-8").read()
print(f"saved_answers {len(re.findall(r'value: Some', text))}")
