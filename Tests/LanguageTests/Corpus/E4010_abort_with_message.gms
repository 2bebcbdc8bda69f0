Set t 'hours' / h1*h4 /;
Parameter load(t) / h1 3, h2 4, h3 5, h4 2 /, pv(t) / h1 0, h2 2, h3 6, h4 1 /;
Scalar capacity 'battery capacity in kWh' / 0 /;
abort$(capacity <= 0) 'battery capacity must be positive', capacity;
Display load, pv;
