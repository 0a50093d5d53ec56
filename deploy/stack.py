"""The production stack on this machine, from the files in deploy/: `make stack`, `make stack-stop`.

    nginx on 127.0.0.1:8480 (deploy/nginx/locations.conf, as in production)
      → two gunicorn instances on 8481 and 8482 (deploy/systemd/redflag-web@.service's command)
    one task worker (deploy/systemd/redflag-worker.service's commands)
    PostgreSQL (database redflag_stack) and Redis, started if they are not running

With DEBUG off, static files collected and migrations applied. The commands are read from the
systemd units, with /srv/redflag standing for this checkout and %i for the port, so what runs
here is what an operator installs. A small supervisor stands in for systemd: it restarts any
process that exits (Restart=always), runs the worker's ExecStartPre first, and stops everything
it started on `stop`. Its state lives in var/stack/: the environment every process gets
(stack.env), logs, process ids, and hold/<name> files that keep one process stopped (faults
stop an app instance this way: `python deploy/stack.py hold web-8482`, then `release web-8482`;
it is taken out of nginx's upstream before it stops and put back once it answers again).
"""

import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STATE = REPO / "var" / "stack"
PYTHON = REPO / ".venv" / "bin" / "python"
ADDRESS = "127.0.0.1"
NGINX_PORT = 8480
WEB_PORTS = (8481, 8482)
DATABASE = "redflag_stack"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
# Redis's database 3, so the stack's cache never meets anything else on this server.
REDIS_URL = "redis://127.0.0.1:6379/3"
URL = f"http://{ADDRESS}:{NGINX_PORT}/"
RESTART_SECONDS = 2  # the units' RestartSec


def environment() -> dict:
    """The production settings, as /etc/redflag/env would hold them, adapted to loopback: plain
    HTTP (no TLS here, so no secure cookies or redirect) and email written to files."""
    secret = STATE / "secret_key"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
        secret.chmod(0o600)
    return {
        "DEBUG": "0",
        "SECRET_KEY": secret.read_text().strip(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{NGINX_PORT},http://localhost:{NGINX_PORT}",
        "BASE_URL": URL.rstrip("/"),
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "TASKS_BACKEND": "database",
        "TRUSTED_PROXY_COUNT": "1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(STATE / "mail"),
        "STATIC_ROOT": str(STATE / "static"),
        "MEDIA_ROOT": str(STATE / "media"),
        "CERTIFICATE_FILES_ROOT": str(STATE / "private"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def write_environment() -> dict:
    env = environment()
    (STATE / "stack.env").write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    return env


def read_environment() -> dict:
    env = {}
    for line in (STATE / "stack.env").read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    return env


def process_env(extra: dict) -> dict:
    return {**os.environ, **extra}


def unit_commands(unit: str, port: int | None = None) -> dict:
    """ExecStartPre and ExecStart of a unit in deploy/systemd/, for this checkout."""
    commands = {}
    for line in (REPO / "deploy" / "systemd" / unit).read_text().splitlines():
        key, _, value = line.partition("=")
        if key in ("ExecStartPre", "ExecStart"):
            value = value.replace("/srv/redflag", str(REPO))
            if port is not None:
                value = value.replace("%i", str(port))
            commands[key] = shlex.split(value)
    return commands


def nginx_config(down: frozenset = frozenset()) -> Path:
    """A top-level nginx.conf around the production locations file, on a loopback port; the
    instances on the ports in `down` are marked down (taken out before they are stopped)."""
    root = STATE / "nginx"
    root.mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server {ADDRESS}:{port} max_fails=1 fail_timeout=5s"
                        f"{' down' if port in down else ''};" for port in WEB_PORTS)
    user = f"user {os.environ.get('USER', 'root')};" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {name}_temp_path {root}/{name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    path = root / "nginx.conf"
    path.write_text(f"""# Written by deploy/stack.py: production locations behind a loopback port.
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {STATE}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {STATE}/nginx-access.log;
{temp}
    upstream redflag_app {{
{servers}
        keepalive 16;
    }}
    server {{
        listen {ADDRESS}:{NGINX_PORT};
        server_name localhost;
        set $redflag_var {STATE};
        include {REPO}/deploy/nginx/locations.conf;
    }}
}}
""")
    return path


def services() -> dict:
    """name → (commands before, the command) for everything the supervisor keeps running."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    result = {"nginx": ([], [nginx, "-c", str(nginx_config()), "-g", "daemon off;"])}
    for port in WEB_PORTS:
        unit = unit_commands("redflag-web@.service", port)
        result[f"web-{port}"] = ([], unit["ExecStart"])
    unit = unit_commands("redflag-worker.service")
    result["worker"] = ([unit["ExecStartPre"]], unit["ExecStart"])
    return result


# The supervisor ----------------------------------------------------------------------------


def supervise() -> None:
    env = process_env(read_environment())
    running: dict[str, subprocess.Popen] = {}
    exited: dict[str, float] = {}
    down: set[int] = set()
    logs = {}
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    (STATE / "pids").mkdir(exist_ok=True)
    (STATE / "hold").mkdir(exist_ok=True)
    table = services()
    while not stopping:
        for name, (before, command) in table.items():
            process = running.get(name)
            held = (STATE / "hold" / name).exists()
            if process is not None and process.poll() is not None:
                log(f"{name} exited with {process.returncode}")
                running.pop(name)
                exited[name] = time.monotonic()
                (STATE / "pids" / f"{name}.pid").unlink(missing_ok=True)
                process = None
            if time.monotonic() - exited.get(name, 0) < RESTART_SECONDS:
                continue
            if held and process is not None:
                if name.startswith("web-"):
                    # As an operator would: out of nginx's upstream first, then stopped, so no
                    # request is sent to it while it stops (gunicorn resets what it had queued).
                    down.add(int(name[4:]))
                    reload_nginx(running, down)
                    time.sleep(2)
                log(f"{name} held: stopping it")
                terminate({name: process})
                running.pop(name)
                (STATE / "pids" / f"{name}.pid").unlink(missing_ok=True)
            elif not held and process is None:
                logs.setdefault(name, open(STATE / f"{name}.log", "a"))  # noqa: SIM115
                for step in before:
                    subprocess.run(step, cwd=REPO, env=env, stdout=logs[name],
                                   stderr=subprocess.STDOUT, check=False)
                running[name] = subprocess.Popen(command, cwd=REPO, env=env, stdout=logs[name],
                                                 stderr=subprocess.STDOUT)
                (STATE / "pids" / f"{name}.pid").write_text(str(running[name].pid))
                log(f"{name} started, pid {running[name].pid}")
                if name.startswith("web-") and int(name[4:]) in down:
                    port = int(name[4:])
                    wait_until(lambda port=port: answers(f"http://{ADDRESS}:{port}/health/"), 60)
                    down.discard(port)
                    reload_nginx(running, down)
        time.sleep(0.5)
    terminate(running)
    for name in running:
        (STATE / "pids" / f"{name}.pid").unlink(missing_ok=True)
    log("stopped")


def reload_nginx(running: dict, down: set) -> None:
    nginx_config(frozenset(down))
    if "nginx" in running and running["nginx"].poll() is None:
        running["nginx"].send_signal(signal.SIGHUP)  # reread the configuration, drop nothing
        log(f"nginx reloaded; instances down: {sorted(down) or 'none'}")


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def terminate(processes: dict, timeout: float = 40) -> None:
    """SIGTERM (gunicorn and the worker finish what they hold), then SIGKILL after `timeout`."""
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + timeout
    for process in processes.values():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


# Commands ----------------------------------------------------------------------------------


def answers(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def ensure_services() -> list[str]:
    """Start PostgreSQL and Redis when they do not answer; the names of those started."""
    started = []
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode != 0:
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                       check=True)
        started.append("postgresql")
    if subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"],
                      capture_output=True).returncode != 0:
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1",
                        "--port", "6379", "--save", "", "--appendonly", "no",
                        "--pidfile", str(STATE / "redis.pid")], check=True)
        started.append("redis")
    for _ in range(60):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0:
            break
        time.sleep(0.5)
    return started


def create_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres",
                         autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    [DATABASE]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=REPO, env=process_env(env),
                   check=True)


def supervisor_pid() -> int | None:
    try:
        pid = int((STATE / "supervisor.pid").read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def start() -> int:
    if supervisor_pid():
        print(f"The stack is already running: {URL}")
        return 0
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        print("make stack needs nginx (Debian: apt-get install nginx-light).", file=sys.stderr)
        return 1
    for folder in ("mail", "static", "media", "private", "pids", "hold"):
        (STATE / folder).mkdir(parents=True, exist_ok=True)
    for held in (STATE / "hold").iterdir():
        held.unlink()
    started = ensure_services()
    (STATE / "started-services").write_text("\n".join(started))
    create_database()
    env = write_environment()
    print("Migrating, collecting static files and loading the courses…", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "seed_demo")
    with open(STATE / "supervisor.log", "a") as output:
        supervisor = subprocess.Popen([str(PYTHON), __file__, "supervise"], cwd=REPO,
                                      stdout=output, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
    (STATE / "supervisor.pid").write_text(str(supervisor.pid))
    for _ in range(120):
        if all(answers(f"http://{ADDRESS}:{port}/health/") for port in WEB_PORTS) and answers(
                URL + "health/"):
            print(f"Redflag's production stack: {URL}  (make stack-stop stops it; logs in "
                  f"{STATE.relative_to(REPO)}/)")
            return 0
        if supervisor.poll() is not None:
            break
        time.sleep(0.5)
    print(f"The stack did not answer at {URL}health/: see {STATE}/*.log", file=sys.stderr)
    stop()
    return 1


def stop() -> int:
    pid = supervisor_pid()
    if pid:
        os.kill(pid, signal.SIGTERM)
        for _ in range(120):
            try:
                os.kill(pid, 0)
            except OSError:
                break
            time.sleep(0.5)
    # Anything the supervisor could not stop (it was killed itself) goes by its recorded pid.
    for pidfile in (STATE / "pids").glob("*.pid") if (STATE / "pids").exists() else []:
        try:
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
        except (OSError, ValueError):
            pass
        pidfile.unlink()
    (STATE / "supervisor.pid").unlink(missing_ok=True)
    started = (STATE / "started-services")
    for service in started.read_text().split() if started.exists() else []:
        if service == "redis" and (STATE / "redis.pid").exists():
            os.kill(int((STATE / "redis.pid").read_text()), signal.SIGTERM)
        if service == "postgresql":
            version = sorted(os.listdir("/etc/postgresql"))[-1]
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main",
                            "stop"], check=False)
    started.unlink(missing_ok=True)
    print("The stack is stopped.")
    return 0


def hold(name: str) -> int:
    (STATE / "hold" / name).touch()
    return 0


def release(name: str) -> int:
    (STATE / "hold" / name).unlink(missing_ok=True)
    return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "start"
    if command == "supervise":
        supervise()
        return 0
    if command in ("hold", "release"):
        return {"hold": hold, "release": release}[command](argv[1])
    return {"start": start, "stop": stop}[command]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
