$title Community battery
Set t 'hours' / h1*h24 /;
Parameter pv(t) 'PV output in kW' /
$include pv_profile.inc
/;
Display pv;
