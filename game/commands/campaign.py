"""``parley campaign``: the bundled summits (or a campaign file) played in order as one relationship.

``parley campaign`` opens the terminal screens; ``--plain`` plays line by line (``--script
FILE`` reads the answers from a file, ``--json-summary OUT.json`` writes each summit's
result, closing trust and gains at the end). ``--resume [SAVE]`` continues a campaign,
``--replay SAVE`` prints one. Arguments are checked before anything starts: a bad one is
refused in one line with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_USAGE, CommandError

DEFAULT_OPPONENT = "adaptive/normal"


def _default_campaign() -> Path:
    from game.scenario.campaign_checks import bundled_campaigns

    found = bundled_campaigns()
    if not found:
        raise CommandError("parley campaign: no bundled campaign found; name a campaign file", EXIT_USAGE)
    return found[0]


def _options(args: argparse.Namespace):  # -> CampaignOptions
    from game.campaign.options import CampaignOptions

    seed = args.seed
    if seed is not None and not (seed.isascii() and seed.isdigit() and len(seed) <= 9):
        raise CommandError(f"--seed: expected a whole number from 0 to 999,999,999, got '{seed}'", EXIT_USAGE)
    if seed is None:
        import random

        seed = str(random.SystemRandom().randrange(1, 1_000_000))
    from game.engine import Seat

    try:
        opponent = Seat.parse(args.opponent)
    except ValueError as exc:
        raise CommandError(f"--opponent: {exc}", EXIT_USAGE) from None
    if opponent.human:
        raise CommandError("--opponent: a campaign is played against the computer (a strategy, e.g. adaptive/normal)",
                           EXIT_USAGE)
    if args.side not in ("us", "pk") and args.file is None:
        raise CommandError(f"--side: unknown side '{args.side}'; sides are us, pk", EXIT_USAGE)
    if args.json_summary and not args.plain:
        raise CommandError("--json-summary needs --plain", EXIT_USAGE)
    return CampaignOptions(
        path=Path(args.file) if args.file else _default_campaign(),
        side=args.side, opponent=str(opponent), seed=int(seed),
        resume=Path(args.resume) if args.resume else None,
        resume_list=args.resume == "",
        replay=Path(args.replay) if args.replay else None,
        json_summary=Path(args.json_summary) if args.json_summary else None,
        timestamps=not args.no_timestamps,
    )


def run_campaign(args: argparse.Namespace) -> int:
    options = _options(args)
    if args.plain:
        from game.plain.campaign import run_campaign_plain

        return run_campaign_plain(options, sys.stdin, sys.stdout, script=args.script)
    from .play import _check_terminal

    _check_terminal()
    from game.tui.campaign_app import run_campaign_app

    return run_campaign_app(options)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("campaign", help="play the five summits in order as one relationship (trust carries over)")
    p.add_argument("file", nargs="?", metavar="CAMPAIGN", help="a campaign file (default: the bundled campaign)")
    p.add_argument("--side", default="pk", metavar="ACTOR", help="the side you play in every summit (us or pk)")
    p.add_argument("--opponent", default=DEFAULT_OPPONENT, metavar="STRATEGY[/LEVEL]",
                   help=f"the computer on the other side (default {DEFAULT_OPPONENT})")
    p.add_argument("--seed", metavar="N", help="seed of the campaign (every summit's seed comes from it)")
    p.add_argument("--plain", action="store_true", help="line-by-line text interface (screen readers, pipes, scripts)")
    p.add_argument("--script", metavar="FILE", help="with --plain: read the answers from FILE instead of the keyboard")
    p.add_argument("--json-summary", metavar="OUT.json",
                   help="with --plain: write each summit's result, closing trust and gains, and the trust line")
    p.add_argument("--resume", nargs="?", const="", metavar="SAVE",
                   help="continue a saved campaign (lists them without a file)")
    p.add_argument("--replay", metavar="SAVE", help="print a saved campaign: interludes, moves and the debrief")
    p.add_argument("--no-timestamps", action="store_true",
                   help="keep clock times out of the save (identical campaigns give identical files)")
    p.set_defaults(func=run_campaign)
