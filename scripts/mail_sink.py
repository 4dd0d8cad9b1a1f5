"""A local mail sink for development and tests: a real SMTP server (aiosmtpd) on
loopback that keeps every message in memory, and a small HTTP API to read them.

    GET    /messages   -> JSON list of {id, from, to, subject, text, html, message_id}
    DELETE /messages   -> forget every message

Usage: mail_sink.py [--smtp-port 1025] [--http-port 1080]
"""

import argparse
import email
import email.policy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

MESSAGES = []
LOCK = threading.Lock()


class Sink:
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        with LOCK:
            MESSAGES.append({
                "id": len(MESSAGES) + 1,
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "subject": str(message.get("Subject", "")),
                "message_id": str(message.get("Message-ID", "")),
                "text": text.get_content() if text else "",
                "html": html.get_content() if html else "",
            })
        return "250 Message accepted"


class Api(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.rstrip("/") != "/messages":
            self.send_error(404)
            return
        with LOCK:
            body = json.dumps(MESSAGES).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_DELETE(self):
        with LOCK:
            MESSAGES.clear()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp-port", type=int, default=1025)
    parser.add_argument("--http-port", type=int, default=1080)
    args = parser.parse_args()
    controller = Controller(Sink(), hostname="127.0.0.1", port=args.smtp_port)
    controller.start()
    http = ThreadingHTTPServer(("127.0.0.1", args.http_port), Api)
    print(f"mail sink: SMTP 127.0.0.1:{args.smtp_port}, messages at http://127.0.0.1:{args.http_port}/messages", flush=True)
    try:
        http.serve_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
