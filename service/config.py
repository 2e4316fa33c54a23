"""One Settings object, read from the environment and `.env`.

Every knob a deployment may turn lives here so the README's settings table has a single source; the CLI's flags
(``serve --data-dir``) override it through ``settings_with``, the validating constructor, rather than by editing the
environment.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_PLACEHOLDERS = {"", "changeme", "change-me", "secret", "xxx", "todo"}


def _csv(value: object) -> object:
    """Lists come from the environment as comma-separated text (``90,30,7``) or as JSON."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """The service's configuration; environment variable names are the field names in upper case."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("./data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: a SQLite file `vendor-assurance.db` in data_dir (WAL)."
    )
    redis_url: str | None = Field(default=None, description="When set, the job queue is Redis, shared by workers.")
    queue_name: str = Field(default="vendor-assurance", description="Name of the job queue (one per deployment).")
    public_base_url: str = Field(default="http://127.0.0.1:8000", description="Used in links inside alerts.")

    max_upload_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    max_request_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="Largest body of any request but an upload (JSON, Slack events); larger ones get 413 unread.",
    )
    max_pages: int = Field(default=400, gt=0)
    parse_timeout_seconds: float = Field(default=300.0, gt=0)
    worker_concurrency: int = Field(default=2, gt=0, le=64, description="Parsing jobs run at once per process.")
    embedded_worker: bool = Field(default=True, description="`serve` runs the job consumer in-process.")
    web_workers: int = Field(default=1, ge=1, le=64, description="API processes started by `serve --workers`.")

    profiles_dir: Path | None = Field(default=None, description="Folder of requirement profiles (YAML).")
    default_profile: str = "default"
    freshness_days: int = Field(
        default=365, gt=0, description="A SOC report older than this after its period is stale."
    )
    alert_thresholds_days: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [90, 30, 7])
    alert_hour_utc: int = Field(default=7, ge=0, le=23)
    alert_webhook_url: SecretStr | None = None
    controls_file: Path | None = Field(
        default=None, description="The buyer's own controls (YAML) that CUECs are matched to; none: CUECs are listed."
    )
    concentration_share: float = Field(
        default=0.3, gt=0, le=1, description="Alert when one provider carries more than this share of critical vendors."
    )
    critical_tiers: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["critical"], description="Vendor tiers that count as critical for concentration."
    )
    vendor_match_auto: float = Field(default=92.0, description="Fuzzy score at or above which a document is attached.")
    vendor_match_floor: float = Field(default=75.0, description="Below this an extracted name is a new vendor.")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_alert_channel: str | None = None
    slack_confidential_channels: Annotated[list[str], NoDecode] = Field(default_factory=list)
    slack_api_base_url: str = "https://slack.com/api/"

    @field_validator("alert_thresholds_days", "slack_confidential_channels", "critical_tiers", mode="before")
    @classmethod
    def _split_lists(cls, value: object) -> object:
        return _csv(value)

    @field_validator("alert_thresholds_days")
    @classmethod
    def _thresholds_descending(cls, value: list[int]) -> list[int]:
        if any(v <= 0 for v in value):
            raise ValueError("alert thresholds are positive numbers of days, e.g. 90,30,7")
        return sorted(set(value), reverse=True)

    @model_validator(mode="after")
    def _refuse_missing_secrets(self) -> Settings:
        """A production deployment with Slack half-configured would silently accept forged requests or drop alerts."""
        if self.environment != "production":
            return self
        problems: list[str] = []
        for name in ("slack_bot_token", "slack_signing_secret", "slack_app_token", "alert_webhook_url"):
            secret = getattr(self, name)
            if secret is not None and secret.get_secret_value().strip().lower() in _PLACEHOLDERS:
                problems.append(f"{name.upper()} is a placeholder")
        if self.slack_bot_token is not None and self.slack_signing_secret is None and self.slack_app_token is None:
            problems.append(
                "SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP) nor SLACK_APP_TOKEN (socket)"
            )
        if self.database_url is None:
            problems.append("DATABASE_URL must be set explicitly in production")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self

    @property
    def db_url(self) -> str:
        """The database URL in use: the explicit one, or the embedded SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'vendor-assurance.db').resolve()}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def queue_path(self) -> Path:
        return self.data_dir / "queue.db"

    @property
    def slack_enabled(self) -> bool:
        return self.slack_bot_token is not None


def settings_with(**overrides: object) -> Settings:
    """Settings from the environment with ``overrides`` on top (``None`` means "not given"), validated as a whole.

    Going through the constructor (not ``model_copy(update=...)``) runs every validator on the result, so a flag
    cannot smuggle in a value the environment would have been refused for.
    """
    given = {name: value for name, value in overrides.items() if value is not None}
    return Settings(**given)  # type: ignore[arg-type]  # pydantic validates each value against its field


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings from the environment (tests and the CLI build their own instead)."""
    return Settings()
