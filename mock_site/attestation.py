"""The proof of opposition: a real PDF naming the person, the date and a reference.

It never carries the NIR: the attestation is meant to be kept and shown.
"""

from __future__ import annotations

from datetime import date


def _latin1(text: str) -> str:
    # The PDF core fonts speak Latin-1: keep accents, fold the typographic apostrophe.
    return text.replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def opposition_attestation(full_name: str, birth: date, opposed_on: date, reference: str) -> bytes:
    from fpdf import FPDF  # heavy (fonts): loaded on the first attestation, not at start-up

    pdf = FPDF()
    pdf.set_title("Attestation d'opposition à la création de Mon espace santé")
    pdf.set_author("Assurance Maladie")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, _latin1("Attestation d'opposition à la création de Mon espace santé"))
    pdf.ln(6)
    pdf.set_font("Helvetica", size=12)
    lines = [
        f"Nom et prénom : {full_name}",
        f"Date de naissance : {birth:%d/%m/%Y}",
        f"Date de l'opposition : {opposed_on:%d/%m/%Y}",
        f"Référence : {reference}",
        "",
        "Cette personne s'est opposée à la création de son profil Mon espace santé.",
        "Aucun profil ne sera créé automatiquement pour elle.",
    ]
    for line in lines:
        pdf.multi_cell(0, 8, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
