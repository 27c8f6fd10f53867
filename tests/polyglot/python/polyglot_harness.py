"""Plumbing shared by the Python polyglot tests.

Stubs are generated at test time from proto/ (so they can never be stale),
and guest-invitation-server runs as a child process in --dev mode, on a port
chosen by the kernel and reported through --port-file.
"""

import ctypes
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import grpc

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
PROTO_DIR = REPO_ROOT / "proto"
POLYGLOT_PROTO_DIR = REPO_ROOT / "tests" / "polyglot" / "proto"
GRPC_PYTHON_PLUGIN = "/usr/bin/grpc_python_plugin"
SERVER_ENV_VAR = "GUESTINV_SERVER_BIN"

STARTUP_TIMEOUT_S = 60.0
RPC_TIMEOUT_S = 30.0


def take_server_binary(argv):
    """Returns (server path, argv without it) from argv[1] or the env var."""
    if len(argv) > 1 and not argv[1].startswith("-"):
        return argv[1], [argv[0]] + argv[2:]
    path = os.environ.get(SERVER_ENV_VAR)
    if not path:
        sys.exit(f"usage: {argv[0]} PATH/TO/guest-invitation-server "
                 f"(or set {SERVER_ENV_VAR})")
    return path, argv


def generate_stubs(out_dir):
    """Runs protoc into out_dir and puts it first on sys.path.

    grpc/health/v1/health.proto is compiled from a copy under gi_health/:
    a generated package named `grpc` would shadow the grpc library.
    """
    out_dir = pathlib.Path(out_dir)
    health_src = out_dir / "health_src"
    (health_src / "gi_health" / "v1").mkdir(parents=True)
    shutil.copy(PROTO_DIR / "grpc" / "health" / "v1" / "health.proto",
                health_src / "gi_health" / "v1" / "health.proto")
    gen = out_dir / "gen"
    gen.mkdir()
    protoc = shutil.which("protoc") or "/usr/bin/protoc"
    subprocess.run(
        [protoc, f"--python_out={gen}", f"--grpc_python_out={gen}",
         f"--plugin=protoc-gen-grpc_python={GRPC_PYTHON_PLUGIN}",
         f"-I{PROTO_DIR}", f"-I{health_src}", f"-I{POLYGLOT_PROTO_DIR}",
         "guestinvitation/v1/guest_invitation.proto",
         "google/rpc/status.proto", "google/rpc/error_details.proto",
         "gi_health/v1/health.proto",
         "reflection/v1alpha/reflection.proto"],
        check=True)
    sys.path.insert(0, str(gen))


def _die_with_parent():
    """Makes the kernel SIGTERM the server if this test process dies
    (for example when ctest kills it on timeout), so no server outlives
    its test."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except OSError:
        pass


class DevServer:
    """guest-invitation-server --dev on 127.0.0.1, port from --port-file."""

    def __init__(self, binary, work_dir):
        self.binary = binary
        self.work_dir = pathlib.Path(work_dir)
        self.port_file = self.work_dir / "port"
        self.log_path = self.work_dir / "server.log"
        self.process = None
        self.address = None

    def start(self):
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [self.binary, "--dev", "--listen=127.0.0.1:0",
             f"--port-file={self.port_file}"],
            cwd=self.work_dir, stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        self.address = f"127.0.0.1:{self._wait_for_port()}"

    def _wait_for_port(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode} before "
                    f"writing its port\n{self.log_tail()}")
            try:
                # The file may be caught half-written: retry until it parses.
                return int(self.port_file.read_text().strip())
            except (FileNotFoundError, ValueError):
                time.sleep(0.05)
        raise RuntimeError(f"no port file after {STARTUP_TIMEOUT_S}s\n"
                           f"{self.log_tail()}")

    def wait_until_serving(self, channel):
        """Polls grpc.health.v1 Check("") until SERVING."""
        from gi_health.v1 import health_pb2, health_pb2_grpc
        stub = health_pb2_grpc.HealthStub(channel)
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        last = None
        while time.monotonic() < deadline:
            try:
                response = stub.Check(health_pb2.HealthCheckRequest(),
                                      timeout=5)
                if response.status == health_pb2.HealthCheckResponse.SERVING:
                    return
                last = health_pb2.HealthCheckResponse.ServingStatus.Name(
                    response.status)
            except grpc.RpcError as error:
                last = f"{error.code().name}: {error.details()}"
            time.sleep(0.2)
        raise RuntimeError(f"server not SERVING after {STARTUP_TIMEOUT_S}s "
                           f"(last: {last})\n{self.log_tail()}")

    def stop(self):
        """SIGTERM (the server drains), then SIGKILL if it lingers."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None) is not None:
            self._log.close()

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no server log)"
        return "--- server log (tail) ---\n" + "\n".join(
            text.splitlines()[-lines:])


def start_serving_dev_server(test_class, binary, prefix):
    """Generates stubs into a temp dir, starts `binary --dev`, opens a channel
    and waits for SERVING. Everything is torn down with the class (cleanups
    run even when a later step fails). Returns the channel."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    test_class.addClassCleanup(tmp.cleanup)
    generate_stubs(tmp.name)
    test_class.server = DevServer(binary, tmp.name)
    test_class.addClassCleanup(test_class.server.stop)
    test_class.server.start()
    channel = grpc.insecure_channel(test_class.server.address)
    test_class.addClassCleanup(channel.close)
    test_class.server.wait_until_serving(channel)
    return channel
