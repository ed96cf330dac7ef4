//! Terminal input and signals, each on a thread of its own feeding the main loop's channel, so
//! the main loop never polls a dead terminal.

use std::io;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event as TermEvent};

use crate::tui::state::Event;

/// SIGHUP (the SSH link dropped) becomes a hang-up, SIGTERM a request to stop: both save and
/// leave; only after SIGTERM is the terminal still there to be restored. SIGWINCH is a resize
/// (the input thread only wakes for input, so it would not see one).
pub(super) fn spawn_signal_thread(tx: Sender<Event>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGWINCH])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            let event = match signal {
                SIGHUP => Event::HangUp,
                SIGWINCH => Event::Resize,
                _ => Event::Terminate,
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Terminal input on its own thread, so the main loop never polls a dead terminal.
///
/// The thread sleeps in `poll(2)` on the terminal itself and hands over to crossterm only when
/// there is something to read. That way a hang-up is seen at once (POLLHUP, or an error) even
/// when no SIGHUP comes (a parent that ignores it, a terminal that is not the controlling one),
/// and crossterm's own loop is never left spinning on a closed terminal (its issue 793).
pub(super) fn spawn_input_thread(tx: Sender<Event>) {
    thread::spawn(move || {
        loop {
            let readiness = wait_for_terminal();
            // Checked first: on a hung-up terminal crossterm would read end-of-file forever.
            if readiness.hung_up {
                let _ = tx.send(Event::HangUp);
                return;
            }
            if readiness.readable && !forward_pending_events(&tx) {
                return;
            }
        }
    });
}

/// True when the terminal has gone away (checked without waiting and without reading).
pub(super) fn terminal_hung_up() -> bool {
    let mut pfd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd, living for the duration of the call.
    let ready = unsafe { libc::poll(&mut pfd, 1, 0) };
    ready < 0 || pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

struct Readiness {
    readable: bool,
    hung_up: bool,
}

/// Block until the terminal (standard input) has input or has gone away.
fn wait_for_terminal() -> Readiness {
    let mut pfd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    loop {
        // SAFETY: one valid pollfd, living for the duration of the call.
        let ready = unsafe { libc::poll(&mut pfd, 1, -1) };
        if ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        return Readiness { readable: pfd.revents & libc::POLLIN != 0, hung_up: ready < 0 || pfd.revents & gone != 0 };
    }
}

/// Hand every event crossterm can decode now to the main loop. False when the loop is gone or
/// the terminal failed.
fn forward_pending_events(tx: &Sender<Event>) -> bool {
    // Bounded, so a terminal that keeps reporting input it cannot deliver cannot keep us here.
    for _ in 0..4096 {
        match event::poll(Duration::ZERO) {
            Ok(true) => {}
            Ok(false) => return true,
            Err(_) => {
                let _ = tx.send(Event::HangUp);
                return false;
            }
        }
        let event = match event::read() {
            Ok(TermEvent::Key(key)) => Event::Key(key),
            Ok(TermEvent::Paste(text)) => Event::Paste(text),
            Ok(TermEvent::Resize(_, _)) => Event::Resize,
            Ok(_) => continue,
            Err(_) => {
                let _ = tx.send(Event::HangUp);
                return false;
            }
        };
        if tx.send(event).is_err() {
            return false;
        }
    }
    true
}
