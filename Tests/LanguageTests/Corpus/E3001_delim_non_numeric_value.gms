Set t 'quarter-hours' / q1*q8 /;
Parameter load(t) 'household load in kW' /
$onDelim
$include load_day1.csv
$offDelim
/;
Display load;
