"""National-code validation (check digit, all-same digits) and digit normalisation."""

from __future__ import annotations

import pytest

from sandbox.idp.signin import check_national_code, normalise_digits
from sandbox.persian import is_valid_national_code, national_code_check_digit


def reference_check_digit(first_nine: str) -> int:
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    return total % 11 if total % 11 < 2 else 11 - total % 11


@pytest.mark.parametrize("code", ["0499370899", "0013542419", "1234567891", "0084575948"])
def test_codes_with_a_correct_check_digit_are_valid(code):
    assert reference_check_digit(code[:9]) == int(code[9])
    assert is_valid_national_code(code)
    assert check_national_code(code) is None


@pytest.mark.parametrize("code", ["0499370898", "0013542418", "1234567890"])
def test_codes_with_a_wrong_check_digit_are_invalid(code):
    assert not is_valid_national_code(code)
    assert "معتبر نیست" in check_national_code(code)


def test_all_same_digit_codes_are_invalid_even_when_the_check_digit_matches():
    same = [str(d) * 10 for d in range(10)]
    assert any(national_code_check_digit(code[:9]) == int(code[9]) for code in same)
    assert not any(is_valid_national_code(code) for code in same)


@pytest.mark.parametrize("code", ["", "049937089", "04993708990", "04993a0899"])
def test_codes_that_are_not_ten_digits_are_refused_in_persian(code):
    assert not is_valid_national_code(code)
    assert check_national_code(code) in ("کد ملی را وارد کنید.", "کد ملی باید ۱۰ رقم باشد.")


def test_persian_and_arabic_indic_digits_normalise_to_ascii():
    assert normalise_digits(" ۰۴۹۹۳۷۰۸۹۹ ") == "0499370899"
    assert normalise_digits("٠٤٩٩٣٧٠٨٩٩") == "0499370899"
    assert normalise_digits("049-937-0899") == "0499370899"
