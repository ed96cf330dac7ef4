#!/usr/bin/env python3
"""How soon the home screen and the summary view are complete: spawn khaosat on a data folder in
a real pty, follow its screen with the pyte terminal emulator, and time what a user waits for.

usage: home_ready.py [--runs 5] [--visits N] -- khaosat --lang en --dir DIR

Prints (medians over the runs, in ms):
  home_first_row_ms   from spawn: the first visit listed
  home_complete_ms    from spawn: the title shows the count N with no "reading…" left
  summary_ready_ms    from the `s` key (pressed once home is complete): the summary's counts shown
Needs pyte (pip install pyte). N defaults to the number of .ron visit files under DIR.
"""
import argparse, fcntl, glob, os, pty, select, statistics, struct, sys, termios, time

try:
    import pyte
except ImportError:
    sys.exit("home_ready.py needs pyte: pip install pyte")

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--visits", type=int)
ap.add_argument("--cols", type=int, default=80)
ap.add_argument("--rows", type=int, default=24)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
folder = cmd[cmd.index("--dir") + 1]
visits = a.visits
if visits is None:
    visits = sum(1 for p in glob.glob(folder + "/**/*.ron", recursive=True) if os.path.basename(p) != "round.ron")


def run_once():
    screen = pyte.Screen(a.cols, a.rows)
    stream = pyte.ByteStream(screen)
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    first_row = complete = None
    deadline = t0 + 30
    while complete is None and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        stream.feed(chunk)
        now = time.monotonic()
        title = screen.display[0]
        # The list's first row (under the heading) holds a date dd/mm/yyyy.
        if first_row is None and any("/" in line[1:12] for line in screen.display[2:5]):
            first_row = now
        if f"({visits})" in title and "reading" not in title:
            complete = now
    # The summary view: `s`, then wait for its counts ("N visits · … findings").
    summary = None
    t_key = time.monotonic()
    os.write(fd, b"s")
    deadline = t_key + 60
    while complete is not None and summary is None and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        stream.feed(chunk)
        if "findings" in screen.display[0] and "Merging" not in screen.display[0]:
            summary = time.monotonic()
    # q leaves the summary, q again quits.
    for key in (b"q", b"q"):
        os.write(fd, key)
        time.sleep(0.1)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    ms = lambda t, since=t0: (t - since) * 1000 if t else float("nan")
    return ms(first_row), ms(complete), ms(summary, t_key)


results = [run_once() for _ in range(a.runs)]
print(f"home_first_row_ms {statistics.median(r[0] for r in results):.1f}")
for i, name in [(1, "home_complete_ms"), (2, "summary_ready_ms")]:
    runs = ", ".join(f"{r[i]:.0f}" for r in results)
    print(f"{name} {statistics.median(r[i] for r in results):.1f}  (runs: {runs})")
