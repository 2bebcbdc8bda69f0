Set t 'quarter-hours' / q1*x96 /;
Parameter load(t);
load(t) = 5;
Display load;
