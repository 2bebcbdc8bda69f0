Set t 'time periods / t1*t4 /;
Parameter load(t) 'hourly load in kW' / t1 3, t2 4, t3 5, t4 2 /;
Display load;
