Set t 'hours' / h1*h4 /;
Parameter load(t) 'load in kW' /
$onDelim
h1,3.2
h2,4.1
h3,5.0
h4,2.7
/;
Display load;
