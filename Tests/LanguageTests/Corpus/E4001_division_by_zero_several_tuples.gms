Set t 'hours' / h1*h6 /;
Parameter gen(t)  'PV generation in kWh' / h1 0, h2 0, h3 2.1, h4 4.5, h5 3.3, h6 0 /
          load(t) 'load in kWh'          / h1 1, h2 1, h3 1.5, h4 2.0, h5 2.5, h6 3 /
          ratio(t) 'self-sufficiency';
ratio(t) = load(t) / gen(t);
Display ratio;
