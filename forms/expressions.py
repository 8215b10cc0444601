"""A small, safe expression language for relevance, constraints, warnings and calculations.

Expressions are Python-like (`load_factor_pct > 100`, `kind == "screw" and rated_power_kw > 0`) and
are evaluated by walking the syntax tree with a whitelist of node types and functions: form files
are data and must never be able to run code. A missing value is None; arithmetic and comparisons
involving None give None, which counts as "not known" (a rule that is not known neither fails nor
warns, and a relevance that is not known shows the field).
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any


class ExpressionError(ValueError):
    """An expression uses syntax or names the language does not allow."""


def _is_blank(value: object) -> bool:
    return value is None or value == "" or value == []


def _none_safe(function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any) -> Any:
        if any(arg is None for arg in args):
            return None
        return function(*args)

    return wrapped


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sqrt": _none_safe(math.sqrt),
    "abs": _none_safe(abs),
    "round": _none_safe(round),
    "min": _none_safe(min),
    "max": _none_safe(max),
    "len": _none_safe(len),
    "is_blank": _is_blank,
    "present": lambda value: not _is_blank(value),
    "year": _none_safe(lambda iso: int(str(iso)[:4])),
    "month": _none_safe(lambda iso: int(str(iso)[5:7])),
}

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.Mod: operator.mod,
}

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
}


_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.BinOp,
    ast.UnaryOp,
    ast.Compare,
    ast.Call,
    ast.Name,
    ast.Constant,
    ast.Load,
    ast.Tuple,
    ast.List,
    ast.IfExp,
    ast.And,
    ast.Or,
    ast.Not,
    ast.USub,
    ast.UAdd,
    *_BINARY,
    *_COMPARE,
)


@lru_cache(maxsize=2048)
def _checked(expression: str) -> tuple[ast.Expression, frozenset[str]]:
    """The syntax tree, checked against the whitelist, and the field names it reads: one walk of the
    tree for both (the form registry asks the names of every rule at start-up, issue 15)."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"cannot parse expression {expression!r}: {error.msg}") from error
    called: set[str] = set()
    read: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ExpressionError(f"{type(node).__name__} is not allowed in {expression!r}")
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
                raise ExpressionError(f"only {sorted(FUNCTIONS)} may be called in {expression!r}")
            called.add(node.func.id)
        elif isinstance(node, ast.Name):
            read.add(node.id)
    return tree, frozenset(read - called - {"True", "False", "None"})


def parse(expression: str) -> ast.Expression:
    return _checked(expression)[0]


def names(expression: str) -> set[str]:
    """The field names an expression reads (`value` included, functions and constants excluded)."""
    return set(_checked(expression)[1])


def evaluate(expression: str, values: Mapping[str, Any]) -> Any:
    return _eval(parse(expression).body, values)


def _eval(node: ast.AST, values: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        return values.get(node.id)
    if isinstance(node, (ast.Tuple, ast.List)):
        return tuple(_eval(element, values) for element in node.elts)
    if isinstance(node, ast.BoolOp):
        results = [_eval(v, values) for v in node.values]
        if isinstance(node.op, ast.And):
            if any(r is False or (r is not None and not r) for r in results):
                return False
            return None if any(r is None for r in results) else True
        if any(r is not None and r for r in results):
            return True
        return None if any(r is None for r in results) else False
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        if operand is None:
            return None
        if isinstance(node.op, ast.Not):
            return not operand
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values), _eval(node.right, values)
        if left is None or right is None:
            return None
        try:
            return _BINARY[type(node.op)](left, right)
        except ZeroDivisionError:
            return None
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, values)
            if isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)):
                if isinstance(op, (ast.In, ast.NotIn)) and right is None:
                    return None
                result = _COMPARE[type(op)](left, right)
            else:
                if left is None or right is None:
                    return None
                result = _COMPARE[type(op)](left, right)
            if not result:
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        test = _eval(node.test, values)
        if test is None:
            return None
        return _eval(node.body if test else node.orelse, values)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        return FUNCTIONS[node.func.id](*(_eval(a, values) for a in node.args))
    raise ExpressionError(f"unsupported expression node {type(node).__name__}")
