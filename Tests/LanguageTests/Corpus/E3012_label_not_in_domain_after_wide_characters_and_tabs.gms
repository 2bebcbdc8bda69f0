Set s / s1*s3 /;
Parameter cap(s) '容量 (MW) 🔋' / s1 5, s4 7 /;
Table eff(s,*)
	nom	max
s1	0.9	0.95
s5	0.8	0.85
;
Display cap, eff;
