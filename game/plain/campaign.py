"""``parley campaign --plain``: a campaign line by line, for screen readers, pipes and scripts.

Between summits the interlude is printed (what happened next, quoting the next article),
then the promises the last deal made: the player keeps or breaks its side's (each with
what keeping costs), the computer says what it did with its own; then what the past
brings to the table, and the summit is played as any plain-mode game. The campaign
debrief ends it. Output depends only on the campaign, seed, side, opponent and the lines
read, so a scripted campaign prints the same transcript every time.
"""

from __future__ import annotations

import json
from typing import TextIO

from game.campaign import CampaignError, CampaignSession, SummitSession, list_campaign_saves
from game.campaign.options import CampaignOptions
from game.campaign.words import (
    carried_lines,
    computer_promise_line,
    cost_text,
    debrief_lines,
    interlude_lines,
    promise_line,
    summary,
    wrap,
)
from game.engine import Seat
from game.scenario.campaign_checks import load_campaign

from .console import RULE, Console, Quit, open_console
from .game import PlainGame


def run_campaign_plain(options: CampaignOptions, stdin: TextIO, stdout: TextIO, script: str | None = None) -> int:
    """Play (or resume, or replay) a campaign in plain mode; the process exit code."""
    c = open_console(stdin, stdout, script)
    if c is None:
        return 1
    try:
        if options.replay is not None:
            return _replay(c, CampaignSession.open(options.replay, autosave=False))
        session = _session(c, options)
        if session is None:
            return 1
        code = play_campaign(c, session)
        if options.json_summary is not None:
            options.json_summary.write_text(json.dumps(summary(session.run), indent=1) + "\n", encoding="utf-8")
            c.say(f"Wrote the campaign summary to {options.json_summary}")
        return code
    except Quit:
        c.say("Stopped. The campaign is saved; continue it with `parley campaign --resume`.")
        return 0
    except CampaignError as exc:
        c.say(str(exc))
        return 1
    except OSError as exc:
        c.say(f"Could not save the campaign: {exc.strerror or exc} ({exc.filename or 'the saves folder'}).")
        return 1


def _session(c: Console, options: CampaignOptions) -> CampaignSession | None:
    if options.resume is not None:
        return CampaignSession.open(options.resume, timestamps=None if options.timestamps else False)
    if options.resume_list:
        saves = list_campaign_saves()
        for save in (s for s in saves if s.problem):
            c.say(f"Damaged campaign save (kept as it is): {save.path}: {save.problem}")
        going = [s for s in saves if s.status == "in progress"]
        if not going:
            c.say("No campaigns in progress.")
            return None
        pick = c.choose("Resume which campaign?", [f"{s.title}: playing {s.side}, summit {s.summit}" for s in going])
        assert pick is not None
        return CampaignSession.open(going[pick].path, timestamps=None if options.timestamps else False)
    loaded = load_campaign(options.path)
    if not loaded.ok:
        for d in loaded.diagnostics:
            c.say(d.format())
        return None
    session = CampaignSession.new(loaded, options.seed, options.side, Seat.parse(options.opponent),
                                  timestamps=options.timestamps)
    run = session.run
    c.say(f"Campaign: {run.campaign.title}")
    for line in wrap(run.campaign.summary):
        c.say(line)
    c.say(f"You play {run.names()[run.side]}; {run.names()[run.other]} is played by the computer ({run.opponent}). "
          f"Seed {run.seed}. The campaign is saved after every move.")
    return session


def play_campaign(c: Console, session: CampaignSession) -> int:
    """Play summits until the campaign is over, then print the campaign debrief."""
    run = session.run
    while not run.finished:
        if run.between:
            kept = interlude(c, session)
            summit = session.open_next(kept)
        else:
            c.say(f"Continuing summit {len(run.plays)}: {run.current.state.scenario.title if run.current else ''}.")
            summit = session.summit()
        PlainGame(summit, c).play()
    c.say(RULE)
    for line in debrief_lines(run):
        c.say(line)
    return 0


def interlude(c: Console, session: CampaignSession) -> dict[str, bool]:
    """Show what happened before the next summit and settle the promises due; the player's choices."""
    run = session.run
    index = len(run.plays)
    c.say(RULE)
    for line in interlude_lines(run, index):
        c.say(line)
    kept: dict[str, bool] = {}
    due = run.due_promises()
    if due:
        c.say("")
        c.say("The last deal's promises, checked now:")
    computer = run.computer_decision() if due else True
    for promise in due:
        for line in wrap(promise_line(run, promise), "  "):
            c.say(line)
        if promise.by == run.side:
            for line in wrap(f"Keeping it costs your side at this summit: {cost_text(promise)}. Breaking it costs "
                             f"trust and credibility, and {run.names()[run.other]} opens with harder demands.", "  "):
                c.say(line)
            kept[promise.id] = c.confirm("Keep your promise?")
        else:
            for line in wrap(computer_promise_line(run, promise, computer), "  "):
                c.say(line)
    for line in carried_lines(run, kept):
        c.say(line)
    return kept


def _replay(c: Console, session: CampaignSession) -> int:
    """Print a campaign save: each interlude, each summit's moves, and the campaign debrief."""
    run = session.run
    c.say(f"Replay of the campaign {run.campaign.title}: {run.names()[run.side]} against {run.opponent}, "
          f"seed {run.seed}.")
    for play in run.plays:
        c.say(RULE)
        for line in interlude_lines(run, play.index):
            c.say(line)
        if play.carried is not None:
            c.say("What the past brought to the table:")
            for line in play.carried.lines:
                c.say(f"  {line}")
        PlainGame(session_for(session, play.index), c).transcript(None)
    c.say(RULE)
    for line in debrief_lines(run):
        c.say(line)
    return 0


def session_for(session: CampaignSession, index: int) -> SummitSession:
    """A read-only summit session for summit ``index`` (replays show it, never save it)."""
    play = session.run.plays[index]
    return SummitSession(session, play.state, session.run.scenario_path(index))
