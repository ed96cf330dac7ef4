//! A pseudo-terminal for running the real binary as a user would: its screen, its keys, and
//! hanging it up.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_khaosat");

pub struct Pty {
    pub master: OwnedFd,
    pub slave: OwnedFd,
}

/// A new 80×24 pseudo-terminal.
pub fn open_pty() -> Pty {
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two new descriptors into the given ints; the null name and termios
    // pointers are allowed, and `size` lives for the call.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(rc, 0, "openpty failed");
    // openpty's descriptors survive exec: mark them close-on-exec, or every process spawned from
    // here (ours or a parallel test's) would hold the terminal open and no hang-up would happen.
    for fd in [master, slave] {
        // SAFETY: fcntl on descriptors we just created.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors were just created by openpty and are owned by nobody else.
    unsafe { Pty { master: OwnedFd::from_raw_fd(master), slave: OwnedFd::from_raw_fd(slave) } }
}

/// Read what the program writes: wait up to `limit` for it to start (a loaded machine may be
/// slow to answer), then read until it has been quiet for `settle` (or `limit` passes).
pub fn drain(master: &OwnedFd, settle: Duration, limit: Duration) -> Vec<u8> {
    let deadline = Instant::now() + limit;
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let now = Instant::now();
        let wait = if out.is_empty() { deadline.saturating_duration_since(now) } else { settle };
        let mut pfd = libc::pollfd { fd: master.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd for the duration of the call.
        let ready = unsafe { libc::poll(&mut pfd, 1, wait.as_millis() as i32) };
        if ready <= 0 || Instant::now() > deadline {
            return out;
        }
        // SAFETY: reading into a buffer we own, at most its length.
        let n = unsafe { libc::read(master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            return out;
        }
        out.extend_from_slice(&buf[..n as usize]);
    }
}

pub fn write_key(master: &OwnedFd, key: &[u8]) {
    // SAFETY: writing bytes we own to a descriptor we own.
    let n = unsafe { libc::write(master.as_raw_fd(), key.as_ptr().cast(), key.len()) };
    assert_eq!(n as usize, key.len());
}

/// `cmd` with the pty as its terminal (stdin, stdout, and stderr unless already set), in a new
/// session. With `controlling`, the pty becomes its controlling terminal, so closing the master
/// sends SIGHUP; without it, only EOF/EIO tells.
pub fn spawn_on_pty(pty: &Pty, mut cmd: Command, controlling: bool, stderr_on_pty: bool) -> Child {
    let slave = pty.slave.as_raw_fd();
    cmd.env("TERM", "xterm-256color").env("LANG", "C.UTF-8");
    let io = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("dup"));
    cmd.stdin(io(&pty.slave)).stdout(io(&pty.slave));
    if stderr_on_pty {
        cmd.stderr(io(&pty.slave));
    }
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::setsid();
            if controlling {
                libc::ioctl(slave, libc::TIOCSCTTY, 0);
            }
            Ok(())
        });
    }
    cmd.spawn().expect("spawn khaosat")
}

/// Wait for `child` to end, at most `limit`; kills it and panics after that.
pub fn wait_within(child: &mut Child, limit: Duration, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{what}: still running after {} ms", limit.as_millis());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
