"""CAMEO codes read as sitroom's country / IGO codes and PLOVER sectors."""

from sitroom.knowledge.codes import parse


def test_country_and_sector_of_a_government_role():
    code = parse("USAGOV")
    assert (code.code, code.sector, code.secondary) == ("USA", "GOV", ())


def test_ministry_chunks_after_the_sector_are_secondary_sectors():
    code = parse("BENGOVEDU")
    assert (code.code, code.sector, code.secondary) == ("BEN", "GOV", ("EDU",))


def test_cameo_media_and_health_become_plover_jrn_and_med():
    assert parse("GBRMED").sector == "JRN"
    assert parse("GBRHLH").sector == "MED"
    assert parse("~MED", plover=True).sector == "MED"


def test_igo_code_keeps_the_body_as_affiliation():
    code = parse("IGOUNOKID")
    assert code.code == "IGO"
    assert code.affiliation == "IGOUNOKID"


def test_ngo_and_company_codes_stand_for_the_country():
    assert parse("NGOHRIAMN").code == "NGO"
    assert parse("MNCUSA").code == "MNC"


def test_cameo_country_codes_that_differ_from_iso():
    assert parse("KSVGOV").code == "XKX"
    assert parse("USRGOV").code == "SUN"
    assert parse("TMP").code == "TLS"


def test_regions_and_placeholders_name_no_country():
    assert parse("AFR").code is None
    assert parse("KKLREB").code is None
    assert parse("KKLREB").sector == "REB"


def test_insurgents_fold_into_rebels_as_plover_asks():
    assert parse("IRQINS").sector == "REB"


def test_agent_codes_carry_sectors_only():
    code = parse("~CVLOPP", plover=True)
    assert (code.code, code.sector, code.secondary) == (None, "CVL", ("OPP",))


def test_null_code_is_no_code():
    assert parse("---").code is None and parse("---").sector is None
