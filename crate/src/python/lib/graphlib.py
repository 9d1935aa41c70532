# graphlib: TopologicalSorter and CycleError, giving nodes and cycles in the order
# CPython's does (nodes by when they were first named, each node's successors by when
# they were added).

_OUT = -1
_DONE = -2
_END = object()


class _Node:
    def __init__(self, node):
        self.node = node
        self.waiting = 0
        self.successors = []


class CycleError(ValueError):
    pass


class TopologicalSorter:
    def __init__(self, graph=None):
        self._nodes = {}
        self._ready = None
        self._passed_out = 0
        self._finished = 0
        if graph is not None:
            for node, predecessors in graph.items():
                self.add(node, *predecessors)

    def _info(self, node):
        info = self._nodes.get(node)
        if info is None:
            info = self._nodes[node] = _Node(node)
        return info

    def add(self, node, *predecessors):
        if self._ready is not None:
            raise ValueError("Nodes cannot be added after a call to prepare()")
        self._info(node).waiting += len(predecessors)
        for predecessor in predecessors:
            self._info(predecessor).successors.append(node)

    def prepare(self):
        if self._ready is not None:
            raise ValueError("cannot prepare() more than once")
        self._ready = [info.node for info in self._nodes.values() if info.waiting == 0]
        cycle = self._find_cycle()
        if cycle:
            raise CycleError("nodes are in a cycle", cycle)

    def get_ready(self):
        if self._ready is None:
            raise ValueError("prepare() must be called first")
        ready = tuple(self._ready)
        for node in ready:
            self._nodes[node].waiting = _OUT
        self._ready.clear()
        self._passed_out += len(ready)
        return ready

    def is_active(self):
        if self._ready is None:
            raise ValueError("prepare() must be called first")
        return self._finished < self._passed_out or bool(self._ready)

    def __bool__(self):
        return self.is_active()

    def done(self, *nodes):
        if self._ready is None:
            raise ValueError("prepare() must be called first")
        for node in nodes:
            info = self._nodes.get(node)
            if info is None:
                raise ValueError(f"node {node!r} was not added using add()")
            if info.waiting >= 0:
                raise ValueError(f"node {node!r} was not passed out (still not ready)")
            if info.waiting == _DONE:
                raise ValueError(f"node {node!r} was already marked done")
            info.waiting = _DONE
            for successor in info.successors:
                after = self._nodes[successor]
                after.waiting -= 1
                if after.waiting == 0:
                    self._ready.append(successor)
            self._finished += 1

    def _find_cycle(self):
        # A walk in depth from each node not yet seen, following successors in order:
        # the first edge back to a node on the path closes the cycle reported.
        seen = set()
        for start in self._nodes:
            if start in seen:
                continue
            seen.add(start)
            path = [start]
            place = {start: 0}
            pending = [iter(self._nodes[start].successors)]
            while path:
                node = next(pending[-1], _END)
                if node is _END:
                    del place[path.pop()]
                    pending.pop()
                elif node in place:
                    return path[place[node] :] + [node]
                elif node not in seen:
                    seen.add(node)
                    place[node] = len(path)
                    path.append(node)
                    pending.append(iter(self._nodes[node].successors))
        return None

    def static_order(self):
        self.prepare()
        while self.is_active():
            ready = self.get_ready()
            yield from ready
            self.done(*ready)
