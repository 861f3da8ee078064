"""Every page's callbacks, timed in-process beside the same SQL run directly in DuckDB.

Nothing here knows the pages: they come from the page registry, their callbacks from the
app's `/_dash-dependencies` (what the browser sees), each callback's input values from the
page's own layout as rendered for a link carrying the filter state, exactly what the
browser would send. A page added later is measured without touching this file.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import dash

from coalition_bench.instrument import DirectDuckDB, capturing_problems, recording_queries
from coalition_bench.measurements import CallbackTiming, PageCost
from coalition_bench.workload import FilterState

UPDATE = "/_dash-update-component"
PAGE_CONTENT = "_pages_content"
PAGE_LOCATION = "_pages_location"
SHELL = "shell"  # the page name given to the callbacks of the frame around every page


def component_key(component_id) -> str:
    """A component id as Dash writes it in dependency strings (dicts: sorted, compact)."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def _parse_id(text: str):
    return json.loads(text) if text.startswith("{") else text


def _is_wildcard(text: str) -> bool:
    parsed = _parse_id(text)
    return isinstance(parsed, dict) and any(isinstance(v, list) for v in parsed.values())


def output_specs(spec: str) -> list[dict]:
    """'..a.children...b.figure..' → [{'id': 'a', 'property': 'children'}, ...]."""
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    specs = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        specs.append({"id": component, "property": prop})
    return specs


@dataclass
class Callback:
    """One server callback as the browser calls it."""

    output: str  # the dependency's output string, also the key of app.callback_map
    name: str
    outputs: list[dict]
    inputs: list[dict]
    state: list[dict]

    def output_ids(self) -> set[str]:
        return {o["id"] for o in self.outputs}

    def body(self, props: dict[str, dict], changed: str | None = None) -> dict:
        """The request body, each input and state value taken from `props` ({id: props})."""

        def bound(specs):
            return [
                {
                    "id": _parse_id(s["id"]),
                    "property": s["property"],
                    "value": props.get(s["id"], {}).get(s["property"]),
                }
                for s in specs
            ]

        outputs = [{"id": _parse_id(o["id"]), "property": o["property"]} for o in self.outputs]
        first = self.inputs[0]
        return {
            "output": self.output,
            "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": bound(self.inputs),
            "state": bound(self.state),
            "changedPropIds": [changed or f"{first['id']}.{first['property']}"],
        }


def server_callbacks(app: dash.Dash, dependencies: list[dict]) -> tuple[list[Callback], list[str]]:
    """(callbacks the server runs, names of those left out and why)."""
    callbacks, skipped = [], []
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        outputs = output_specs(dep["output"])
        ids = [o["id"] for o in outputs] + [i["id"] for i in dep["inputs"] + dep["state"]]
        function = app.callback_map.get(dep["output"], {}).get("callback")
        name = getattr(function, "__name__", "callback")
        label = f"{_readable(outputs[0]['id'])} ({name})"
        if any(_is_wildcard(i) for i in ids):
            skipped.append(f"{label}: pattern-matching ids are not measured")
            continue
        callbacks.append(Callback(dep["output"], label, outputs, dep["inputs"], dep["state"]))
    return callbacks, skipped


def _readable(component_id: str) -> str:
    parsed = _parse_id(component_id)
    if isinstance(parsed, dict):
        return "/".join(str(v) for _, v in sorted(parsed.items()))
    return parsed


def collect_props(tree, into: dict[str, dict]) -> dict[str, dict]:
    """{component id: props} of every component in a serialised layout."""
    if isinstance(tree, list):
        for child in tree:
            collect_props(child, into)
    elif isinstance(tree, dict):
        props = tree.get("props")
        if isinstance(props, dict) and "type" in tree:
            if "id" in props:
                into[component_key(props["id"])] = props
            for value in props.values():
                collect_props(value, into)
    return into


# --- the measurement ----------------------------------------------------------------------


@dataclass
class Answer:
    """One callback request: its time, its size, and what ran inside it."""

    ms: float
    size: int
    payload: dict | None
    runs: list[tuple[str, dict, float]]
    errors: int
    problem: str | None


@dataclass
class PagePlan:
    """What a filter change on one page sends, per filter state (for the load test)."""

    page: str
    path: str
    changes: dict[str, list[tuple[str, bytes]]] = field(default_factory=dict)


class CallbackBench:
    """The app's callbacks, driven through its own Flask test client."""

    def __init__(self, app: dash.Dash, warehouse_path: Path):
        self.app = app
        self.client = app.server.test_client()
        dependencies = self.client.get("/_dash-dependencies").get_json()
        self.callbacks, self.skipped = server_callbacks(app, dependencies)
        self.render = next(c for c in self.callbacks if PAGE_CONTENT in c.output_ids())
        self.shell_props = collect_props(self.client.get("/_dash-layout").get_json(), {})
        self.warehouse_path = warehouse_path

    def pages(self) -> list[tuple[str, str]]:
        """(name, path) of every registered page, in the navbar's order."""
        entries = sorted(dash.page_registry.values(), key=lambda p: p.get("order") or 0)
        return [(p["name"], p["relative_path"]) for p in entries]

    def _post(self, body: dict) -> Answer:
        self.queries.take()
        self.problems.take()
        self.problems.first = None
        started = time.perf_counter()
        response = self.client.post(UPDATE, json=body)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code not in (200, 204):
            raise RuntimeError(f"{body['output']}: HTTP {response.status_code}")
        data = response.get_data()
        payload = json.loads(data) if response.status_code == 200 else None
        errors = self.problems.take()
        problem = self.problems.first
        return Answer(elapsed, len(data), payload, self.queries.take(), errors, problem)

    def _layout(self, path: str, state: FilterState) -> tuple[Answer, dict[str, dict]]:
        """The page rendered for a link carrying `state`, and its components' props."""
        props = self.shell_props | {PAGE_LOCATION: {"pathname": path, "search": state.search()}}
        answer = self._post(self.render.body(props, f"{PAGE_LOCATION}.pathname"))
        layout = answer.payload["response"][PAGE_CONTENT]["children"]
        return answer, collect_props(layout, dict(props))

    def _page_callbacks(self, props: dict) -> list[Callback]:
        """Callbacks that write into the page (not into the shell around it)."""
        shell = set(self.shell_props) | {PAGE_LOCATION}
        return [
            c
            for c in self.callbacks
            if c is not self.render and c.output_ids() <= set(props) and not c.output_ids() <= shell
        ]

    def _shell_callbacks(self) -> list[Callback]:
        """Callbacks of the shell that run when a page is opened (the navbar's)."""
        return [
            c
            for c in self.callbacks
            if c is not self.render
            and c.output_ids() <= set(self.shell_props)
            and any(i["id"] == PAGE_LOCATION for i in c.inputs)
        ]

    def measure(
        self,
        states: list[FilterState],
        repeats: int,
        progress,
        page_seconds: float | None = None,
    ) -> tuple[list[CallbackTiming], list[PageCost], list[PagePlan], list[str]]:
        """Per page: one warm-up pass over the first state, then `repeats` passes over
        every state, each opening the page's link and running every callback of it. A page
        that has used `page_seconds` stops after the state it is on (at large scales one
        pass can take many minutes); the notes say where that happened."""
        self.timings: dict[tuple[str, str], CallbackTiming] = {}
        self.costs: dict[str, PageCost] = {}
        self.direct = DirectDuckDB(self.warehouse_path)
        plans, notes = [], []
        with recording_queries() as self.queries, capturing_problems() as self.problems:
            for page, path in self.pages():
                progress(f"callbacks of {page}")
                started = time.monotonic()
                layouts = {state.label: self._layout(path, state)[1] for state in states}
                followers = self._followers(layouts)
                plans.append(self._plan(page, path, layouts, followers))
                passes = [(states[0], False)] + [(s, True) for _ in range(repeats) for s in states]
                for done, (state, keep) in enumerate(passes, start=1):
                    self._run_page(page, path, state, followers, keep)
                    spent = time.monotonic() - started
                    if page_seconds and spent > page_seconds and 2 <= done < len(passes):
                        notes.append(
                            f"{page}: callbacks measured for {done - 1} of {len(passes) - 1} "
                            f"filter states, then stopped at {spent:.0f} s (--page-seconds)."
                        )
                        break
        self.direct.close()
        pages = [t for t in self.timings.values() if t.page != SHELL]
        shell = [t for t in self.timings.values() if t.page == SHELL]
        return pages + shell, list(self.costs.values()), plans, notes

    def _run_page(self, page: str, path: str, state: FilterState, followers, keep: bool):
        answer, props = self._layout(path, state)
        self._record(page, "page layout (_pages_content)", "open link", answer, keep)
        for callback in self._shell_callbacks():
            answer = self._post(callback.body(props, f"{PAGE_LOCATION}.pathname"))
            self._record(SHELL, callback.name, "navigation", answer, keep)
        change = []  # what one filter change runs: every filter callback of the page
        for callback in self._page_callbacks(props):
            follows = callback.output in followers
            values = props if follows else self._clicked(callback, props)
            answer = self._post(callback.body(values, self._changed(callback)))
            self._record(page, callback.name, "filters" if follows else "click", answer, keep)
            if follows:
                change.append(answer)
        if keep:
            self._record_change(page, change)

    def _record_change(self, page: str, answers: list[Answer]) -> None:
        cost = self.costs.setdefault(page, PageCost(page))
        runs = [run for answer in answers for run in answer.runs]
        distinct: dict[str, tuple] = {}
        for run in runs:
            name, params, _ = run
            distinct.setdefault(name + json.dumps(params, sort_keys=True, default=str), run)
        cost.callbacks.append(len(answers))
        cost.server_ms.append(sum(a.ms for a in answers))
        cost.queries.append(len(runs))
        cost.distinct.append(len(distinct))
        cost.sql_ms.append(sum(ms for _, _, ms in runs))
        cost.uncached_ms.append(self.direct.time_ms(list(distinct.values())))

    def _record(self, page: str, name: str, trigger: str, answer: Answer, keep: bool) -> None:
        if not keep:
            return
        entry = self.timings.setdefault((page, name), CallbackTiming(page, name, trigger))
        entry.server_ms.append(answer.ms)
        entry.sql_ms.append(sum(ms for _, _, ms in answer.runs))
        entry.queries.append(len(answer.runs))
        entry.response_bytes.append(answer.size)
        entry.duckdb_ms.append(self.direct.time_ms(answer.runs))
        entry.errors += answer.errors
        entry.problem = entry.problem or answer.problem

    def _plan(self, page: str, path: str, layouts: dict, followers: set[str]) -> PagePlan:
        plan = PagePlan(page, path)
        for label, props in layouts.items():
            plan.changes[label] = [
                (c.name, json.dumps(c.body(props, self._changed(c))).encode())
                for c in self._page_callbacks(props)
                if c.output in followers
            ]
        return plan

    def _followers(self, layouts: dict[str, dict]) -> set[str]:
        """Callbacks whose input values differ between the filter states: the ones a
        filter change runs. The others (a download button's clicks) wait for a click."""
        followers = set()
        for callback in self.callbacks:
            seen = {
                json.dumps(
                    [props.get(i["id"], {}).get(i["property"]) for i in callback.inputs],
                    sort_keys=True,
                    default=str,
                )
                for props in layouts.values()
            }
            if len(seen) > 1:
                followers.add(callback.output)
        return followers

    @staticmethod
    def _changed(callback: Callback) -> str:
        """The input the change comes from: a date of the period when the callback reads
        one (every state differs there), else its first input."""
        for i in callback.inputs:
            if i["property"] in ("start_date", "end_date"):
                return f"{i['id']}.{i['property']}"
        first = callback.inputs[0]
        return f"{first['id']}.{first['property']}"

    @staticmethod
    def _clicked(callback: Callback, props: dict) -> dict:
        """The props with every button this callback listens to clicked once."""
        clicked = dict(props)
        for i in callback.inputs:
            if i["property"] == "n_clicks":
                clicked[i["id"]] = dict(props.get(i["id"], {})) | {"n_clicks": 1}
        return clicked
