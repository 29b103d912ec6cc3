#!/usr/bin/python3
# A loopback SMTP server for the notification tests and the outbox benchmark (Debian's
# python3-aiosmtpd). Each accepted message is written as one .eml file (the envelope
# recipients first, as an X-Envelope-To line), renamed into place so a reader never sees half
# a message. Recipients starting with "refuse" get 550, like an unknown mailbox.
#
#   /usr/bin/python3 smtp_sink.py --port 2525 --dir /tmp/mail [--delay 0.05] [--count-only]
# Prints "ready <port>" once it accepts connections; stops on SIGTERM.
import argparse
import asyncio
import os
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, delay, count_only):
        self.folder = folder
        self.delay = delay
        self.count_only = count_only
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.count_only:
            if self.count % 1000 == 0:
                with open(os.path.join(self.folder, "count"), "w") as f:
                    f.write(str(self.count))
            return "250 Message accepted"
        name = "%d-%d-%06d.eml" % (time.time_ns(), os.getpid(), self.count)
        tmp = os.path.join(self.folder, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(("X-Envelope-To: " + ",".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.folder, name))
        # Stored before the reply: a client killed now never hears "250" and sends the
        # message again, which is exactly the at-least-once case the crash test looks for.
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--delay", type=float, default=0.0)
    p.add_argument("--count-only", action="store_true")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    sink = Sink(a.dir, a.delay, a.count_only)
    controller = Controller(sink, hostname="127.0.0.1", port=a.port, ready_timeout=10)
    controller.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    print("ready %d" % a.port, flush=True)
    done.wait()
    controller.stop()
    if a.count_only:
        with open(os.path.join(a.dir, "count"), "w") as f:
            f.write(str(sink.count))
    sys.exit(0)


if __name__ == "__main__":
    main()
