"""The Steps page driven as a person would."""
# ruff: noqa: F811 - the controllers fixture is imported from test_ui and used as an argument

from __future__ import annotations

from PySide6.QtCore import Qt

from recovery_journal.domain.step_tools import PracticeEntry
from recovery_journal.domain.steps import StepStatus
from recovery_journal.store import create_vault, open_vault
from recovery_journal.ui.pages import Page
from recovery_journal.ui.record_table import RecordTable
from tests.conftest import PASSPHRASE, TEST_KDF, persons_today
from tests.test_ui import controllers, settle, start, unlock  # noqa: F401 - fixtures and helpers


def _open(qapp, qtbot, controllers, vault_path):  # noqa: F811
    if not vault_path.exists():
        create_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF).close()
    controller, dialog = start(qapp, controllers, vault_path)
    window = unlock(qtbot, controller, dialog)
    window.show_page(Page.STEPS)
    settle(qtbot, controller)
    return controller, window


def _quit(controller):
    controller.window.close()
    controller.shutdown()


def test_an_answer_typed_in_a_step_is_there_after_reopening(qapp, qtbot, controllers, vault_path):  # noqa: F811
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    steps = window.steps
    qtbot.mouseClick(steps.overview.cards[4].open_button, Qt.MouseButton.LeftButton)
    detail = steps.detail
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    assert "Step 4" in detail.heading.text()
    editor = detail.answer_editors["s4.q02"]
    qtbot.keyClicks(editor, "To see my part without beating myself up.")
    qtbot.waitUntil(
        lambda: detail.edited_labels["s4.q02"].text().startswith("Last edited"), timeout=5_000
    )
    # Move away at once after more typing: leaving the step saves it.
    qtbot.keyClicks(editor, " Slowly.")
    qtbot.mouseClick(detail.back_button, Qt.MouseButton.LeftButton)
    settle(qtbot, controller)
    card = steps.overview.cards[4]
    assert "1 of" in card.dates.text() and card.status.text() == "Working on it"
    _quit(controller)

    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert vault.steps.answers(4)["s4.q02"].text == (
            "To see my part without beating myself up. Slowly."
        )
    finally:
        vault.close()
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    detail = window.steps.open_step(4)
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    assert detail.answer_editors["s4.q02"].toPlainText().endswith("Slowly.")


def test_a_private_answer_stays_private_after_reopening(qapp, qtbot, controllers, vault_path):  # noqa: F811
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    detail = window.steps.open_step(5)
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    private = detail.private_boxes["s5.q01"]
    assert not private.isChecked() and private.accessibleName()
    # Ticked before a word is written: the mark is kept with the words when they are saved.
    private.setFocus()
    qtbot.keyClick(private, Qt.Key.Key_Space)
    assert private.isChecked()
    qtbot.keyClicks(detail.answer_editors["s5.q01"], "Only for me and my higher power.")
    qtbot.keyClicks(detail.answer_editors["s5.q02"], "This one I will share.")
    for future in detail.save_now():
        future.result(timeout=5)
    settle(qtbot, controller)
    _quit(controller)

    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        answers = vault.steps.answers(5)
        assert answers["s5.q01"].private and not answers["s5.q02"].private
    finally:
        vault.close()
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    detail = window.steps.open_step(5)
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    assert detail.private_boxes["s5.q01"].isChecked()
    assert not detail.private_boxes["s5.q02"].isChecked()
    # Unticking alone is a change that is saved.
    qtbot.mouseClick(detail.private_boxes["s5.q01"], Qt.MouseButton.LeftButton)
    assert detail.has_unsaved_text()
    for future in detail.save_now():
        future.result(timeout=5)
    settle(qtbot, controller)
    _quit(controller)
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert not vault.steps.answers(5)["s5.q01"].private
    finally:
        vault.close()


def test_changing_status_updates_the_overview(qapp, qtbot, controllers, vault_path):  # noqa: F811
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    steps = window.steps
    assert steps.overview.cards[1].status.text() == "Not started"
    detail = steps.open_step(1)
    qtbot.waitUntil(detail.isEnabled, timeout=5_000)
    detail.status.setFocus()
    qtbot.keyClick(detail.status, Qt.Key.Key_End)  # the keyboard picks "Done", the last choice
    assert detail.status.currentData() is StepStatus.DONE
    settle(qtbot, controller)
    assert "completed" in detail.dates.text()
    detail.back_button.click()
    settle(qtbot, controller)
    card = steps.overview.cards[1]
    assert card.status.text() == "Done"
    assert "completed" in card.dates.text()
    assert "step 2" in steps.overview.continue_button.text()  # done with 1: on to 2


def test_rewording_a_step_and_going_back_to_the_template(qapp, qtbot, controllers, vault_path):  # noqa: F811
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    detail = window.steps.open_step(2)
    qtbot.waitUntil(detail.isEnabled, timeout=5_000)
    template = detail.wording.text()
    detail.reword_button.click()
    detail.wording_editor.clear()
    qtbot.keyClicks(detail.wording_editor, "Our group's own words for step two.")
    detail.save_wording_button.click()
    settle(qtbot, controller)
    assert detail.wording.text() == "Our group's own words for step two."
    assert not detail.wording_editor.isVisible()
    window.steps.show_overview()
    settle(qtbot, controller)
    assert window.steps.overview.cards[2].findChild(type(detail.wording), "wording").text() == (
        "Our group's own words for step two."
    )
    detail = window.steps.open_step(2)
    qtbot.waitUntil(detail.isEnabled, timeout=5_000)
    detail.reword_button.click()
    detail.reset_wording_button.click()
    settle(qtbot, controller)
    assert detail.wording.text() == template
    window.steps.show_overview()
    settle(qtbot, controller)
    wording = window.steps.overview.cards[2].findChild(type(detail.wording), "wording")
    assert wording.text() == template


def test_a_rewording_not_yet_saved_is_saved_on_leaving(qapp, qtbot, controllers, vault_path):  # noqa: F811
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    detail = window.steps.open_step(7)
    qtbot.waitUntil(detail.isEnabled, timeout=5_000)
    detail.reword_button.click()
    detail.wording_editor.clear()
    qtbot.keyClicks(detail.wording_editor, "Step seven, in my words.")
    assert detail.has_unsaved_text()
    window.show_page(Page.TODAY)
    window.close()  # saves and waits before the window goes
    controller.shutdown()
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        assert vault.steps.progress()[7].wording == "Step seven, in my words."
    finally:
        vault.close()


def test_typing_the_first_answer_shows_the_step_as_started(qapp, qtbot, controllers, vault_path):  # noqa: F811
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    detail = window.steps.open_step(9)
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    assert detail.status.currentData() is StepStatus.NOT_STARTED
    qtbot.keyClicks(detail.answer_editors["s9.q01"], "My brother, first.")
    detail.save_now()
    qtbot.waitUntil(lambda: detail.status.currentData() is StepStatus.WORKING, timeout=5_000)
    assert "started" in detail.dates.text()


def test_practice_log_row_added_and_edited_with_the_keyboard(qapp, qtbot, controllers, vault_path):  # noqa: F811
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    detail = window.steps.open_step(11)
    qtbot.waitUntil(detail.isEnabled, timeout=5_000)
    detail.tabs.setCurrentIndex(detail.tabs.count() - 1)
    table = detail.tabs.currentWidget().findChild(RecordTable, "practice_log")
    settle(qtbot, controller)
    table.add_button.click()  # a new row for today; its date editor opens
    settle(qtbot, controller)
    view = table.view
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Escape)  # keep today's date
    for _column in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == 3
    qtbot.keyClick(view, "T")  # typing starts editing the notes cell
    qtbot.keyClicks(qapp.focusWidget(), "en quiet minutes")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)  # the delegate commits on the loop
    qtbot.waitUntil(lambda: table.model.records[0].notes == "Ten quiet minutes", timeout=5_000)
    settle(qtbot, controller)
    _quit(controller)
    vault = open_vault(vault_path, PASSPHRASE, kdf_iterations=TEST_KDF)
    try:
        entries = vault.records.all(PracticeEntry)
        assert [e.notes for e in entries] == ["Ten quiet minutes"]
        assert entries[0].day == persons_today()
    finally:
        vault.close()


def test_steps_page_in_russian(qapp, qtbot, controllers, vault_path):  # noqa: F811
    from recovery_journal.ui.i18n_qt import apply_language

    apply_language(qapp, "ru")
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    card = window.steps.overview.cards[1]
    assert "Шаг 1" in card.findChildren(type(card.status))[0].text()
    assert card.status.text() == "Не начат"
    assert card.open_button.text() == "Открыть"


def test_importing_a_question_pack_from_the_steps_page(
    qapp, qtbot, controllers, vault_path, tmp_path
):  # noqa: F811,E501
    import json

    pack = tmp_path / "tuesday.json"
    pack.write_text(
        json.dumps(
            {
                "format": "recovery-journal-question-pack",
                "format_version": 1,
                "id": "tuesday",
                "name": "Tuesday group",
                "questions": [
                    {"id": "a", "step": 1, "text": "When did you first ask for help?"},
                    {"id": "b", "step": 1, "text": "Who noticed before you did?"},
                ],
            }
        ),
        encoding="utf-8",
    )
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    overview = window.steps.overview
    before = overview.cards[1].dates.text()
    overview.import_pack(str(pack))
    qtbot.waitUntil(lambda: overview.cards[1].dates.text() != before, timeout=5_000)
    assert "of 12 questions" in overview.cards[1].dates.text()  # 10 of ours and 2 of the pack
    detail = window.steps.open_step(1)
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    assert "tuesday/b" in detail.answer_editors
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    overview.import_pack(str(bad))
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5_000)
    assert "nothing was imported" in window.banner.text()


def test_a_deeply_nested_pack_from_the_steps_page_is_refused_in_a_sentence(
    qapp, qtbot, controllers, vault_path, tmp_path
):  # noqa: F811,E501
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.steps.overview.import_pack(str(deep))
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5_000)
    assert window.banner.text() == (
        "The file is nested too deeply to be a question pack; nothing was imported."
    )


def test_about_page_says_the_app_is_not_affiliated(qapp, qtbot, controllers, vault_path):  # noqa: F811
    from PySide6.QtWidgets import QLabel

    controller, window = _open(qapp, qtbot, controllers, vault_path)
    window.show_page(Page.ABOUT)
    texts = " ".join(label.text() for label in window.about.findChildren(QLabel))
    assert "not affiliated" in texts


def test_our_questions_saved_as_a_pack_edited_and_imported_are_not_doubled(
    qapp, qtbot, controllers, vault_path, tmp_path, monkeypatch
):
    import json

    from PySide6.QtWidgets import QLabel, QMessageBox

    controller, window = _open(qapp, qtbot, controllers, vault_path)
    overview = window.steps.overview
    path = tmp_path / "my-questions.json"
    overview.export_starter(str(path))  # "Save our questions as a pack to edit…"
    settle(qtbot, controller)
    qtbot.waitUntil(path.exists, timeout=5_000)
    document = json.loads(path.read_text("utf-8"))
    document["questions"][1]["text"] = "Who noticed it before I did?"
    document["questions"].append({"id": "mine-1", "step": 1, "text": "Who drove me home?"})
    path.write_text(json.dumps(document), encoding="utf-8")
    before = overview.cards[1].dates.text()
    overview.import_pack(str(path))
    qtbot.waitUntil(lambda: overview.cards[1].dates.text() != before, timeout=5_000)
    assert "of 11 questions" in overview.cards[1].dates.text()  # 10 of ours and 1 new, not 21
    detail = window.steps.open_step(1)
    qtbot.waitUntil(lambda: detail.isEnabled() and bool(detail.answer_editors), timeout=5_000)
    assert len(detail.answer_editors) == 11
    notes = [
        label.text() for label in detail.questions_scroll.widget().findChildren(QLabel, "from_pack")
    ]
    assert notes == [
        "Worded as in the question pack “My questions”",
        "From the question pack “My questions”",
    ]
    # The pack can be taken away from the step's page; our questions stay.
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    detail.remove_pack_buttons["my-questions"].click()
    qtbot.waitUntil(lambda: len(detail.answer_editors) == 10, timeout=5_000)
    assert not detail.questions_scroll.widget().findChildren(QLabel, "from_pack")
    assert detail.remove_pack_buttons == {}
    settle(qtbot, controller)
    _quit(controller)
