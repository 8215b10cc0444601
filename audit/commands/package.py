"""`python main.py package export|verify|key`: write a signed audit package, check one, show the auditor key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audit.cli import Command, add_output_option
from audit.i18n import say
from forms.spec import Text


def _configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="package_command", metavar="SUBCOMMAND", required=True)
    _configure_export(sub)
    _configure_verify(sub)
    _configure_receive(sub)
    _configure_key(sub)


def _configure_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export", help=say(Text("write the signed package of an audit (.zip)", "生成诊断的签名数据包（.zip）"))
    )
    export.add_argument("file", type=Path, help=say(Text("audit file (.fieldaudit)", "诊断文件（.fieldaudit）")))
    add_output_option(export, Text("the package to write (.zip)", "输出的数据包（.zip）"))
    export.add_argument(
        "--report", type=Path, help=say(Text("an Excel report to carry in the package", "随数据包携带的 Excel 报告"))
    )


def _configure_verify(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = sub.add_parser(
        "verify", help=say(Text("check a package as the office does", "按县级机构的方式校验数据包"))
    )
    verify.add_argument("package", type=Path, help=say(Text("the package (.zip)", "数据包（.zip）")))
    verify.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="KEYFILE",
        help=say(
            Text(
                "a public key file to trust (repeatable); this computer's own key is always trusted",
                "信任的公钥文件（可重复）；本机自己的密钥始终受信任",
            )
        ),
    )
    verify.add_argument(
        "--accept-unknown",
        action="store_true",
        help=say(Text("accept a valid signature by an unregistered key", "接受未登记密钥的有效签名")),
    )


def _configure_receive(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    receive = sub.add_parser(
        "receive",
        help=say(
            Text(
                "merge a package the office returned into the audit (unsent edits are kept)",
                "将县级机构退回的数据包合并到诊断中（未报送的修改保留）",
            )
        ),
    )
    receive.add_argument("file", type=Path, help=say(Text("audit file (.fieldaudit)", "诊断文件（.fieldaudit）")))
    receive.add_argument("package", type=Path, help=say(Text("the returned package (.zip)", "退回的数据包（.zip）")))
    receive.add_argument(
        "--trust",
        type=Path,
        action="append",
        required=True,
        metavar="KEYFILE",
        help=say(Text("the office's public key file (repeatable)", "县级机构的公钥文件（可重复）")),
    )


def _configure_key(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    key = sub.add_parser(
        "key", help=say(Text("print or write this computer's public key file", "输出或写入本机的公钥文件"))
    )
    key.add_argument("-o", "--output", type=Path, help=say(Text("write it to this file", "写入该文件")))
    key.add_argument("--auditor", help=say(Text("your name, when the key is made now", "首次生成密钥时的审计员姓名")))


def _run(args: argparse.Namespace) -> int:
    return {"export": _export, "verify": _verify, "receive": _receive, "key": _key}[args.package_command](args)


def _export(args: argparse.Namespace) -> int:
    from audit.document import AuditDocument
    from audit.packages.bag import export_package, mark_submitted
    from audit.packages.keys import load_or_create_key

    with AuditDocument.open(args.file) as document:
        key = load_or_create_key(document.author)
        exported = export_package(document, args.output, key, args.report)
        mark_submitted(document, exported)
    print(
        say(
            Text(
                f"Package written to {exported.path} and read back intact: revision {exported.revision}, "
                f"{exported.records} records, {exported.photos} photos{', the report' if exported.report else ''}; "
                f"signed by key {exported.key_id}; SHA-256 {exported.sha256}.",
                f"数据包已写入 {exported.path} 并读回校验无误：第{exported.revision}版，{exported.records} 条记录，"
                f"{exported.photos} 张照片{'，含报告' if exported.report else ''}；密钥 {exported.key_id} 签名；"
                f"SHA-256 {exported.sha256}。",
            )
        )
    )
    return 0


def _verify(args: argparse.Namespace) -> int:
    from audit.packages.keys import existing_public_key, read_public_key_file
    from audit.packages.verify import read_package

    trusted = [read_public_key_file(path) for path in args.trust]
    own = existing_public_key()
    if own is not None:
        trusted.append(own)
    package = read_package(args.package, trusted, accept_unknown_signer=args.accept_unknown)
    trust = (
        Text("a registered key", "已登记的密钥")
        if package.signer_trusted
        else Text("an UNREGISTERED key", "未登记的密钥")
    )
    print(
        say(
            Text(
                f"{args.package}: valid. Package {package.package_id}, audit {package.audit_uuid}, revision "
                f"{package.revision}, {sum(len(r) for r in package.records['records'].values())} records, "
                f"{len(package.photos)} photo files; signed by {package.signer.auditor} with {trust.en} "
                f"{package.signer_key_id}.",
                f"{args.package}：有效。数据包 {package.package_id}，诊断 {package.audit_uuid}，第{package.revision}版，"
                f"{sum(len(r) for r in package.records['records'].values())} 条记录，{len(package.photos)} 个照片文件；"
                f"由 {package.signer.auditor} 使用{trust.zh} {package.signer_key_id} 签名。",
            )
        )
    )
    return 0


def _receive(args: argparse.Namespace) -> int:
    from audit.document import AuditDocument
    from audit.packages.keys import read_public_key_file
    from audit.packages.receive import receive_package

    trusted = [read_public_key_file(path) for path in args.trust]
    with AuditDocument.open(args.file) as document:
        received = receive_package(document, args.package, trusted)
    status = (received.review or {}).get("status", "-")
    counts = {action: received.count(action) for action in ("insert", "apply", "unchanged", "keep_local", "conflict")}
    print(
        say(
            Text(
                f"{args.package}: {counts['insert']} added, {counts['apply']} updated by the office, "
                f"{counts['unchanged'] + counts['keep_local']} kept as here, {counts['conflict']} conflict(s) kept "
                f"in both versions; office review: {status}.",
                f"{args.package}：新增 {counts['insert']}，采用机构修改 {counts['apply']}，"
                f"保留本机版本 {counts['unchanged'] + counts['keep_local']}，冲突 {counts['conflict']}（两个版本均保留）；"
                f"机构审核：{status}。",
            )
        )
    )
    return 0


def _key(args: argparse.Namespace) -> int:
    from audit.document import default_author
    from audit.output_files import write_bytes_atomically
    from audit.packages.keys import load_or_create_key

    key = load_or_create_key(args.auditor or default_author())
    data = key.public.file_bytes()
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        write_bytes_atomically(args.output, data)
        print(
            say(
                Text(
                    f"Public key {key.public.key_id} ({key.public.auditor}) written to {args.output}.",
                    f"公钥 {key.public.key_id}（{key.public.auditor}）已写入 {args.output}。",
                )
            )
        )
    return 0


COMMANDS = (
    Command(
        "package",
        Text(
            "Audit packages: export a signed package, verify one, receive one the office returned, show the auditor key.",
            "诊断数据包：导出签名数据包、校验数据包、接收机构退回的数据包、查看审计员密钥。",
        ),
        _configure,
        _run,
    ),
)
