"""`onrecord run`, `onrecord ask` and `onrecord sync`: the bot, the console and command sync."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from typing import TYPE_CHECKING

from bot.settings import Settings, SettingsError, load_settings
from search_index.errors import OnRecordError

if TYPE_CHECKING:
    from search_index.search.interface import SearchBackend
    from search_index.search.service import SearchService

log = logging.getLogger(__name__)

EXIT_SETTINGS = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser(
        "run", help="start the Discord bot (DISCORD_TOKEN set) or the local console (not set)"
    )
    run.set_defaults(handler=_run)
    ask = subparsers.add_parser("ask", help='answer one command and exit: "/quote elections"')
    ask.add_argument("line", metavar="COMMAND", help='a console command, e.g. "/about"')
    ask.set_defaults(handler=_ask)
    sync = subparsers.add_parser(
        "sync", help="publish the slash commands globally, if they changed since the last sync"
    )
    sync.add_argument("--force", action="store_true", help="sync even if nothing changed")
    sync.set_defaults(handler=_sync)


def _settings() -> Settings | None:
    try:
        return load_settings()
    except SettingsError as problem:
        print(f"onrecord: {problem}", file=sys.stderr)
        return None


def _use_log_level(settings: Settings, args: argparse.Namespace) -> None:
    if not getattr(args, "verbose", False):
        try:
            logging.getLogger().setLevel(settings.log_level.upper())
        except ValueError:
            print(f"onrecord: ignoring ONRECORD_LOG_LEVEL={settings.log_level!r}", file=sys.stderr)


def open_service(settings: Settings, workers: int = 0) -> SearchBackend:
    """The search service over the configured index, built from the corpus on first use,
    answered by `workers` search processes (none: in this process). (Imported late, like the
    bot itself: `onrecord --help` should not load Whoosh.)"""
    from search_index.errors import IndexUnavailable
    from search_index.index.ingest import ingest
    from search_index.search.service import SearchService

    service = SearchService(settings.index_dir)
    try:
        service.stats()
        return _in_workers(service, workers)
    except IndexUnavailable:
        pass
    folders = [path for path in settings.corpus if path.exists()]
    if not folders:
        raise OnRecordError(
            "there is no index yet and no corpus folder to build it from (ONRECORD_CORPUS)"
        )
    names = ", ".join(str(path) for path in folders)
    print(f"onrecord: building the index from {names} (first run)...", file=sys.stderr)
    report = ingest(folders, settings.index_dir)
    print(f"onrecord: indexed {report.statements} statements from "
          f"{len(report.added)} articles", file=sys.stderr)
    service.refresh()
    return _in_workers(service, workers)


def _in_workers(service: SearchService, workers: int) -> SearchBackend:
    if workers <= 0:
        return service
    from search_index.search.pool import SearchPool

    service.close()  # the pool opens its own
    return SearchPool(service.index_dir, workers=workers)


def _run(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    _use_log_level(settings, args)
    try:
        service = open_service(settings, settings.search_workers)
    except OnRecordError as problem:
        print(f"onrecord: {problem}", file=sys.stderr)
        return 1
    try:
        if settings.discord_token is None:
            from bot.console.session import ConsoleSession, run_console

            return run_console(ConsoleSession(service, settings.corpus, settings.index_dir))
        return asyncio.run(_serve(settings, service))
    finally:
        close = getattr(service, "close", None)  # the pool's worker processes
        if close is not None:
            close()


async def _serve(settings: Settings, service: SearchBackend) -> int:
    # discord.py and aiohttp are imported by the commands that talk to Discord only: every
    # other `onrecord` command (index above all) starts without them, about 0.4 s sooner.
    import aiohttp
    import discord

    from bot.discord.app import create_bot

    assert settings.discord_token is not None
    bot = create_bot(settings, service)
    # SIGTERM (systemd, docker stop) closes the connection cleanly, like Ctrl-C.
    with contextlib.suppress(NotImplementedError):  # not on Windows
        asyncio.get_running_loop().add_signal_handler(
            signal.SIGTERM, lambda: asyncio.ensure_future(bot.close())
        )
    try:
        async with bot:
            await bot.start(settings.discord_token.get_secret_value())
    except discord.LoginFailure:
        print("onrecord: Discord refused DISCORD_TOKEN: copy the bot token again from the "
              "developer portal", file=sys.stderr)
        return EXIT_SETTINGS
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as failure:
        print(f"onrecord: cannot reach Discord ({type(failure).__name__}); check the network "
              "and DISCORD_API_BASE", file=sys.stderr)
        return 1
    return 0


def _ask(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    try:
        service = open_service(settings)
    except OnRecordError as problem:
        print(f"onrecord: {problem}", file=sys.stderr)
        return 1
    from bot.console.session import ConsoleSession, ask

    return ask(ConsoleSession(service, settings.corpus, settings.index_dir), args.line)


def _sync(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings is None:
        return EXIT_SETTINGS
    if settings.discord_token is None:
        print("onrecord: DISCORD_TOKEN is not set: there is no application to sync to",
              file=sys.stderr)
        return EXIT_SETTINGS
    _use_log_level(settings, args)
    import aiohttp
    import discord

    from bot.discord.command_sync import default_state_file, sync_global
    from search_index.search.service import SearchService

    # Syncing sends command definitions only; the service is never asked anything.
    service = SearchService(settings.index_dir)
    try:
        message = asyncio.run(sync_global(settings, service, default_state_file(),
                                          force=args.force))
    except discord.LoginFailure:
        print("onrecord: Discord refused DISCORD_TOKEN", file=sys.stderr)
        return EXIT_SETTINGS
    except (discord.HTTPException, aiohttp.ClientError, OSError) as failure:
        print(f"onrecord: the sync failed ({type(failure).__name__})", file=sys.stderr)
        return 1
    print(message)
    return 0
