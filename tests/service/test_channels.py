"""Channel profiles and handle-once event keys, kept by the service for the chat front ends."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import text
from sqlalchemy.orm import Session

from service.channels import service as channels
from service.channels.models import HandledEvent
from service.database import utcnow
from service.engine import make_engine
from service.migrate import alembic_config


def test_an_event_key_is_handled_once_and_old_keys_are_dropped(db_session: Session) -> None:
    assert channels.first_time(db_session=db_session, key="event:Ev1") is True
    assert channels.first_time(db_session=db_session, key="event:Ev1") is False
    assert channels.first_time(db_session=db_session, key="event:Ev2") is True
    db_session.get(HandledEvent, "event:Ev1").seen_at = utcnow() - timedelta(days=3)  # type: ignore[union-attr]
    db_session.commit()
    assert channels.forget_old_events(db_session=db_session) == 1
    assert channels.first_time(db_session=db_session, key="event:Ev1") is True


def test_a_channel_profile_binding_replaces_the_earlier_one(db_session: Session) -> None:
    assert channels.profile_for(db_session=db_session, channel="C1") is None
    assert channels.profile_for(db_session=db_session, channel=None) is None
    channels.bind_profile(db_session=db_session, channel="C1", profile="low-risk-tool", set_by="U1")
    channels.bind_profile(db_session=db_session, channel="C1", profile="critical-data-processor", set_by="U2")
    assert channels.profile_for(db_session=db_session, channel="C1") == "critical-data-processor"
    assert channels.profile_for(db_session=db_session, channel="C2") is None


def test_the_migration_keeps_bindings_the_bot_made_in_its_old_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    with engine.connect() as conn:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(text("CREATE TABLE bot_channel_profiles (channel VARCHAR(100) PRIMARY KEY, "
                          "profile VARCHAR(100) NOT NULL, set_by VARCHAR(100), set_at DATETIME NOT NULL)"))
        conn.execute(text("CREATE TABLE bot_seen_keys (key VARCHAR(200) PRIMARY KEY, seen_at DATETIME NOT NULL)"))
        conn.execute(text("INSERT INTO bot_channel_profiles VALUES ('C9', 'low-risk-tool', 'U1', "
                          "'2026-11-01 10:00:00.000000')"))
        conn.commit()
        command.upgrade(cfg, "head")
        conn.commit()
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {"channel_profiles", "handled_events"} <= tables
    assert not tables & {"bot_channel_profiles", "bot_seen_keys"}
    with Session(engine) as s:
        assert channels.profile_for(db_session=s, channel="C9") == "low-risk-tool"
    engine.dispose()
