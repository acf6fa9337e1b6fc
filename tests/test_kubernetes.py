"""deploy/kubernetes: rendered as `kubectl apply -k deploy/kubernetes` sends it, validated offline
against the Kubernetes API schemas (strict: an unknown or misspelt field fails; the schemas come
with the kubernetes-validate package), and checked against the service it runs: the command,
the settings, the probes, the shutdown timing, the sizes from the benchmark, the Secret's keys.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from tonkoll.cli import build_parser
from tonkoll.config import Settings

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "kubernetes"
FIXTURE_RULES = ROOT / "tests" / "web" / "data" / "rules"
# The oldest Kubernetes minor still in wide use, and the newest the package ships schemas for.
VERSIONS = ["1.29", kubernetes_validate.latest_version()]

Doc = dict[str, Any]


def render() -> list[Doc]:
    """What `kubectl apply -k` sends: the kustomization only lists files (no patches, prefixes
    or generators), so the rendering is those files' documents, in order."""
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert set(kustomization) <= {"apiVersion", "kind", "resources"}, (
        "the kustomization does more than list files: render it with kustomize instead")
    docs: list[Doc] = []
    for name in kustomization["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / name).read_text(encoding="utf-8")) if d]
    return docs


def one(docs: list[Doc], kind: str) -> Doc:
    (found,) = [d for d in docs if d["kind"] == kind]
    return found


def container(pod: Doc, name: str) -> Doc:
    (found,) = [c for c in pod["containers"] if c["name"] == name]
    return found


def env_of(c: Doc) -> dict[str, Doc]:
    return {e["name"]: e for e in c.get("env", [])}


def seconds(value: str) -> float:
    return float(value)


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return render()


@pytest.fixture(scope="module")
def pod(docs: list[Doc]) -> Doc:
    spec: Doc = one(docs, "Deployment")["spec"]["template"]["spec"]
    return spec


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_validates_against_the_schemas(docs: list[Doc], version: str) -> None:
    secret = yaml.safe_load((K8S / "secret.example.yaml").read_text(encoding="utf-8"))
    kinds = []
    for doc in [*docs, secret]:
        kubernetes_validate.validate(doc, version, strict=True)
        kinds.append(doc["kind"])
    assert sorted(kinds) == sorted(["ConfigMap", "Deployment", "Service", "Ingress",
                                    "PodDisruptionBudget", "HorizontalPodAutoscaler", "Secret"])


def test_a_misspelt_field_is_caught(docs: list[Doc]) -> None:
    """The validation is strict, not a YAML parse: a typo in a probe fails it."""
    deployment = json.loads(json.dumps(one(docs, "Deployment")))
    c = deployment["spec"]["template"]["spec"]["containers"][0]
    c["readinessProbe"]["periodSecond"] = c["readinessProbe"].pop("periodSeconds")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSIONS[-1], strict=True)


def test_the_container_runs_tonkoll_serve(pod: Doc) -> None:
    c = container(pod, "tonkoll")
    args = build_parser().parse_args(c["command"][1:])
    assert c["command"][0] == "tonkoll" and args.command == "serve"
    assert args.host == "0.0.0.0" and args.workers == 2
    assert {"name": "http", "containerPort": args.port} in c["ports"]
    for name in env_of(c):
        if name.startswith("TONKOLL_"):
            field = name.removeprefix("TONKOLL_").lower()
            assert field in Settings.model_fields, name
    # The image: the same non-root user, and nothing written to the read-only root.
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert f"--uid {c['securityContext']['runAsUser']} " in dockerfile
    assert "PYTHONDONTWRITEBYTECODE=1" in dockerfile
    assert c["securityContext"]["readOnlyRootFilesystem"] is True


def test_probes_ask_health_and_readiness_fails_before_the_drain_ends(pod: Doc) -> None:
    c = container(pod, "tonkoll")
    env = env_of(c)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = c[probe]["httpGet"]
        assert get["path"] == "/v1/health" and get["port"] == "http", probe
        headers = {h["name"]: h["value"] for h in get.get("httpHeaders", [])}
        assert headers.get("Host") in env["TONKOLL_ALLOWED_HOSTS"]["value"].split(","), probe
    app = create_app(Settings(rules_dirs=[FIXTURE_RULES], reload_interval=0))
    with TestClient(app) as client:
        assert client.get("/v1/health", headers={"Host": "localhost"}).status_code == 200
    delay = seconds(env["TONKOLL_SHUTDOWN_DELAY"]["value"])
    grace = seconds(env["TONKOLL_SHUTDOWN_GRACE"]["value"])
    ready = c["readinessProbe"]
    assert ready["periodSeconds"] * ready["failureThreshold"] < delay  # out while still serving
    assert pod["terminationGracePeriodSeconds"] > delay + grace + 5  # before the SIGKILL


def test_resources_follow_the_benchmark(pod: Doc) -> None:
    bench = json.loads((ROOT / "bench" / "results" / "latest.json").read_text(encoding="utf-8"))
    peak_mb = max(bench["service"]["tonkoll"]["peak_rss_mb"].values())
    c = container(pod, "tonkoll")
    workers = build_parser().parse_args(c["command"][1:]).workers

    def mib(q: str) -> float:
        number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", q).groups()  # type: ignore[union-attr]
        return int(number) * (1024 if unit == "Gi" else 1)

    requests, limits = c["resources"]["requests"], c["resources"]["limits"]
    assert mib(requests["memory"]) >= workers * peak_mb * 1.0  # the workers' measured peak
    assert mib(limits["memory"]) >= 2 * workers * peak_mb  # room for long drafts, a reload
    assert float(requests["cpu"]) >= 1 and float(limits["cpu"]) >= workers


def test_secret_keys_and_rules_from_git_sync(docs: list[Doc], pod: Doc) -> None:
    secret = yaml.safe_load((K8S / "secret.example.yaml").read_text(encoding="utf-8"))
    every = [*pod["initContainers"], *pod["containers"]]
    for c in every:
        for e in c.get("env", []):
            ref = e.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                assert ref["name"] == secret["metadata"]["name"], e
                assert ref["key"] in secret["stringData"], e
    tonkoll = env_of(container(pod, "tonkoll"))
    assert tonkoll["TONKOLL_API_TOKENS"]["valueFrom"]["secretKeyRef"]["key"] == "api-tokens"
    assert tonkoll["TONKOLL_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "database-url"
    assert tonkoll["TONKOLL_ADMIN_TOKENS"]["valueFrom"]["secretKeyRef"]["key"] == "admin-tokens"
    assert secret["stringData"]["database-url"].startswith("postgresql+psycopg://")

    source = one(docs, "ConfigMap")
    assert {"GITSYNC_REPO", "GITSYNC_REF", "GITSYNC_PERIOD"} <= set(source["data"])
    first, sync = pod["initContainers"][0], container(pod, "rules-sync")
    for c in (first, sync):
        assert c["image"].startswith("registry.k8s.io/git-sync/git-sync:v4.")
        assert {"configMapRef": {"name": source["metadata"]["name"]}} in c["envFrom"]
    assert env_of(first)["GITSYNC_ONE_TIME"]["value"] == "true"  # rules before tonkoll starts
    assert "GITSYNC_ONE_TIME" not in env_of(sync)  # then it keeps pulling
    git = env_of(sync)
    link = f"{git['GITSYNC_ROOT']['value']}/{git['GITSYNC_LINK']['value']}"
    assert tonkoll["TONKOLL_RULES_DIRS"]["value"] == f"{link}/rules"
    mounts = {m["name"]: m for m in container(pod, "tonkoll")["volumeMounts"]}
    assert mounts["rules"]["mountPath"] == git["GITSYNC_ROOT"]["value"]
    assert mounts["rules"]["readOnly"] is True


def test_service_ingress_pdb_and_hpa_point_at_the_pods(docs: list[Doc]) -> None:
    deployment = one(docs, "Deployment")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert "replicas" not in deployment["spec"]  # the autoscaler owns the count

    service = one(docs, "Service")
    assert service["spec"]["selector"].items() <= labels.items()
    (port,) = service["spec"]["ports"]
    assert port["targetPort"] == "http"

    backend = one(docs, "Ingress")["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": service["metadata"]["name"], "port": {"name": port["name"]}}
    host = one(docs, "Ingress")["spec"]["rules"][0]["host"]
    pod = deployment["spec"]["template"]["spec"]
    allowed = env_of(container(pod, "tonkoll"))["TONKOLL_ALLOWED_HOSTS"]["value"].split(",")
    assert host in allowed

    pdb = one(docs, "PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    hpa = one(docs, "HorizontalPodAutoscaler")
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": deployment["metadata"]["name"]}
    assert hpa["spec"]["minReplicas"] > pdb["spec"]["minAvailable"]  # a drain can always go on
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    strategy = deployment["spec"]["strategy"]["rollingUpdate"]
    assert strategy["maxUnavailable"] == 0  # a broken rules commit stalls a rollout, not serving


def test_the_deploy_doc_is_linked_names_real_files_and_quotes_the_benchmark() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/deploy.md)" in readme
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:deploy|tests|scripts|bench|extension|docs)/[\w./-]+)`", doc))
    assert named and all((ROOT / p).exists() for p in named), [
        p for p in named if not (ROOT / p).exists()]
    bench = json.loads((ROOT / "bench" / "results" / "latest.json").read_text(encoding="utf-8"))
    runs = bench["service"]["tonkoll"]["runs"]
    for size in ("280", "1000"):
        (at16,) = [r for r in runs[size] if r["connections"] == 16]
        assert f"**{at16['server_cpu_ms_per_request']:.2f} ms**" in doc, size
        assert f"{round(at16['rps'], -1):,.0f}" in doc or f"{at16['rps']:,.0f}" in doc, size
    peak = max(bench["service"]["tonkoll"]["peak_rss_mb"].values())
    assert f"**{peak:.0f} MB**" in doc


def test_compose_waits_for_the_drain() -> None:
    """`docker compose stop` must not SIGKILL a draining service (the defaults apply there)."""
    service = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    wait = service["services"]["tonkoll"]["stop_grace_period"]
    defaults = Settings(rules_dirs=[FIXTURE_RULES])
    assert wait.endswith("s") and float(wait[:-1]) > (
        defaults.shutdown_delay + defaults.shutdown_grace + 5)
