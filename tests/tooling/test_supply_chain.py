"""Supply chain: every dependency is pinned and verified by hash, for Python and for npm.

* requirements/requirements.lock pins every package with ``==`` and at least one
  ``--hash=sha256:…``; every package named in requirements.in is in it; mkdocs stays below 2
  (``mkdocs<2`` in requirements.in, a 1.x pin in the lock); the lock names no index or folder of one
  machine (only an ``https://`` index, if any);
* scripts/setup.sh installs from the lock with ``--require-hashes``, and no script of the
  project runs a ``pip install`` without it;
* if package.json exists: package-lock.json exists with lockfileVersion ≥ 2, every package in
  it has an exact version and an ``integrity`` hash, package.json names exact versions only,
  the two agree, and setup.sh installs with ``npm ci`` (which refuses a lock that disagrees).
"""

from __future__ import annotations

import json
import re

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from _site import ROOT

LOCK = ROOT / "requirements" / "requirements.lock"
REQ_IN = ROOT / "requirements" / "requirements.in"
SETUP = ROOT / "scripts" / "setup.sh"
EXACT = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(text: str) -> list[str]:
    """Requirement entries of a pip-compile lock, continuation lines joined, comments dropped."""
    entries, current = [], ""
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            entries.append(" ".join(current.split()))
        current = ""
    if current.strip():
        entries.append(" ".join(current.split()))
    return entries


def parse_lock(text: str) -> dict[str, tuple[Requirement, list[str]]]:
    out: dict[str, tuple[Requirement, list[str]]] = {}
    for entry in lock_entries(text):
        assert not entry.startswith(("-e", "--editable", "-r", "-c", "git+", "http")), f"not a pinned package: {entry}"
        if entry.startswith("--"):
            option, _, where = entry.replace("=", " ", 1).partition(" ")
            assert option in {"--index-url", "--extra-index-url", "--find-links", "--trusted-host"}, entry
            # An index or folder of this machine works nowhere else (pip-compile: --no-emit-index-url --no-emit-find-links).
            assert where.strip().startswith("https://"), f"the lock names a place of one machine: {entry}"
            continue
        spec, *opts = entry.split(" --hash=")
        req = Requirement(spec.strip())
        assert norm(req.name) not in out, f"{req.name} is listed twice"
        out[norm(req.name)] = (req, [h for o in opts for h in o.split()])
    return out


def problems_of_lock(text: str) -> list[str]:
    bad = []
    for name, (req, hashes) in parse_lock(text).items():
        pins = list(req.specifier)
        if len(pins) != 1 or pins[0].operator != "==" or "*" in pins[0].version:
            bad.append(f"{name}: not pinned with == ({req.specifier or 'no version'})")
        if req.url:
            bad.append(f"{name}: installed from a URL")
        if not hashes:
            bad.append(f"{name}: no --hash")
        elif not any(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes):
            bad.append(f"{name}: no sha256 hash ({hashes[:2]})")
    return bad


def test_lock_pins_every_package_with_a_sha256_hash() -> None:
    packages = parse_lock(LOCK.read_text(encoding="utf-8"))
    assert len(packages) > 20, f"only {len(packages)} packages in the lock"
    bad = problems_of_lock(LOCK.read_text(encoding="utf-8"))
    assert not bad, "\n".join(bad)
    print(f"verified: {len(packages)} packages pinned with == and sha256 hashes")


def test_lock_check_can_fail() -> None:
    good = "a==1.0 \\\n    --hash=sha256:" + "0" * 64 + "\n"
    assert not problems_of_lock(good)
    assert problems_of_lock("a>=1.0 \\\n    --hash=sha256:" + "0" * 64 + "\n")
    assert problems_of_lock("a==1.0\n")
    assert problems_of_lock("a==1.0 --hash=md5:abc\n")
    with pytest.raises(AssertionError):
        parse_lock("-e git+https://example.org/x.git#egg=x\n")
    for local in ("--extra-index-url file:///srv/pypi/simple", "--find-links /srv/wheels", "--index-url=http://10.0.0.1/simple"):
        with pytest.raises(AssertionError, match="one machine"):
            parse_lock(local + "\n" + good)
    assert parse_lock("--extra-index-url https://pypi.example.org/simple\n" + good)


def test_every_direct_requirement_is_locked() -> None:
    locked = parse_lock(LOCK.read_text(encoding="utf-8"))
    direct = [
        Requirement(line.split("#", 1)[0].strip())
        for line in REQ_IN.read_text(encoding="utf-8").splitlines()
        if line.split("#", 1)[0].strip()
    ]
    missing = [r.name for r in direct if norm(r.name) not in locked]
    assert not missing, f"in requirements.in but not in the lock: {missing}"
    outside = [
        f"{r.name}=={next(iter(locked[norm(r.name)][0].specifier)).version} outside {r.specifier}"
        for r in direct
        if r.specifier and not r.specifier.contains(next(iter(locked[norm(r.name)][0].specifier)).version, prereleases=True)
    ]
    assert not outside, outside


def test_mkdocs_stays_below_2() -> None:
    direct = {
        norm(Requirement(x.split("#")[0].strip()).name): Requirement(x.split("#")[0].strip())
        for x in REQ_IN.read_text(encoding="utf-8").splitlines()
        if x.split("#")[0].strip()
    }
    assert "mkdocs" in direct, "mkdocs is not a direct requirement"
    assert not direct["mkdocs"].specifier.contains("2.0", prereleases=True), (
        f"requirements.in allows mkdocs 2: {direct['mkdocs']}"
    )
    assert "<2" in str(direct["mkdocs"].specifier).replace(" ", ""), direct["mkdocs"]
    req, _ = parse_lock(LOCK.read_text(encoding="utf-8"))["mkdocs"]
    assert Version(next(iter(req.specifier)).version) < Version("2"), req


def _install_lines(text: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", text)
    return [
        line.strip()
        for line in joined.splitlines()
        if re.search(r"\bpip3?\b.*\binstall\b", line) and not line.strip().startswith("#")
    ]


def _hashed_or_self(line: str) -> bool:
    """Every install checks hashes, but the project's own package from this checkout (nothing downloaded, nothing else)."""
    own = all(flag in line.split() for flag in ("--no-deps", "--no-index", "--no-build-isolation", "-e", "."))
    return "--require-hashes" in line or own


def test_setup_installs_with_require_hashes() -> None:
    lines = _install_lines(SETUP.read_text(encoding="utf-8"))
    assert lines, "scripts/setup.sh has no pip install"
    from_lock = [line for line in lines if "requirements/requirements.lock" in line]
    assert from_lock, f"setup.sh does not install from the lock: {lines}"
    for line in lines:
        assert _hashed_or_self(line), f"pip install without --require-hashes: {line}"
    others = [
        ROOT / "Makefile",
        ROOT / ".ci" / "run",
        *sorted((ROOT / ".github").rglob("*.y*ml")),
        *sorted((ROOT / "scripts").glob("*")),
    ]
    for f in others:
        if f.is_file():
            for line in _install_lines(f.read_text(encoding="utf-8", errors="replace")):
                assert _hashed_or_self(line), f"{f.relative_to(ROOT)}: pip install without --require-hashes: {line}"


def _npm_problems(package: dict, lock: dict | None) -> list[str]:
    bad = []
    deps = {
        k: v
        for section in ("dependencies", "devDependencies", "optionalDependencies")
        for k, v in package.get(section, {}).items()
    }
    for name, spec in deps.items():
        if not EXACT.match(spec):
            bad.append(f"package.json: {name} «{spec}» is not an exact version")
    if lock is None:
        return [*bad, "package-lock.json is missing"]
    if int(lock.get("lockfileVersion", 0)) < 2:
        bad.append(f"lockfileVersion {lock.get('lockfileVersion')} < 2")
    packages = lock.get("packages", {})
    root = packages.get("", {})
    root_deps = {
        k: v for section in ("dependencies", "devDependencies", "optionalDependencies") for k, v in root.get(section, {}).items()
    }
    if root_deps != deps:
        bad.append(f"package-lock.json root {root_deps} differs from package.json {deps}")
    for path, meta in packages.items():
        if not path:
            continue
        if meta.get("link"):
            bad.append(f"{path}: a linked (local) package")
            continue
        if not EXACT.match(str(meta.get("version", ""))):
            bad.append(f"{path}: version «{meta.get('version')}» is not exact")
        if not str(meta.get("integrity", "")).startswith(("sha512-", "sha384-", "sha256-")):
            bad.append(f"{path}: no integrity hash")
        resolved = str(meta.get("resolved", "https://registry.npmjs.org/"))
        if not resolved.startswith("https://registry.npmjs.org/"):
            bad.append(f"{path}: resolved from {resolved}")
    for name, version in deps.items():
        got = packages.get(f"node_modules/{name}", {}).get("version")
        if got != version:
            bad.append(f"{name}: package.json says {version}, the lock has {got}")
    return bad


def test_npm_packages_are_locked_with_integrity() -> None:
    pkg_json = ROOT / "package.json"
    if not pkg_json.exists():
        pytest.skip("no package.json: the project uses no npm packages")
    lock_path = ROOT / "package-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8")) if lock_path.exists() else None
    bad = _npm_problems(json.loads(pkg_json.read_text(encoding="utf-8")), lock)
    assert not bad, "\n".join(bad)
    setup = SETUP.read_text(encoding="utf-8")
    assert re.search(r"\bnpm ci\b", setup), "setup.sh must install npm packages with «npm ci»"
    assert not re.search(r"\bnpm (install|i)\b", setup), "setup.sh must not run «npm install» (it rewrites the lock)"
    print(f"verified: {len(lock['packages']) - 1} npm packages locked with exact versions and integrity hashes")  # type: ignore[index]


def test_npm_check_can_fail() -> None:
    pkg = {"dependencies": {"axe-core": "4.14.1"}}
    good = {
        "lockfileVersion": 3,
        "packages": {
            "": {"dependencies": {"axe-core": "4.14.1"}},
            "node_modules/axe-core": {"version": "4.14.1", "integrity": "sha512-x"},
        },
    }
    assert not _npm_problems(pkg, good)
    assert _npm_problems({"dependencies": {"axe-core": "^4.14.1"}}, good)
    assert _npm_problems(pkg, None)
    assert _npm_problems(pkg, {**good, "lockfileVersion": 1})
    no_hash = json.loads(json.dumps(good))
    del no_hash["packages"]["node_modules/axe-core"]["integrity"]
    assert _npm_problems(pkg, no_hash)
