"""US customary to SI, exact by definition, for the MEASUR golden cases."""

HP_KW = 0.745699872
SCFM_M3_PER_MIN = 0.028316846592  # 1 ft³ = 0.028316846592 m³
PSI_KPA = 6.894757293168
GAL_M3 = 0.003785411784
INCH_MM = 25.4
FT_M = 0.3048
MMBTU_PER_H_KW = 1055.05585262e6 / 3600 / 1000  # 1 MMBtu = 1 055.055 852 62 MJ (IT Btu)


def f_to_c(fahrenheit: float) -> float:
    return (fahrenheit - 32.0) * 5.0 / 9.0
