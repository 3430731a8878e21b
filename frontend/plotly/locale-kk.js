// Kazakh for what plotly.js writes itself (tool-bar tooltips, hints, image download messages):
// plotly.js ships ru but no kk locale. Only the words this dashboard's charts can show.
'use strict';

module.exports = {
    moduleType: 'locale',
    name: 'kk',
    dictionary: {
        'Autoscale': 'Автомасштаб',
        'Box Select': 'Тіктөртбұрышпен таңдау',
        'Compare data on hover': 'Меңзерді апарғанда барлық деректерді салыстыру',
        'Double-click on legend to isolate one trace': 'Бір қатарды бөліп көрсету үшін аңыздаманы екі рет басыңыз',
        'Double-click to zoom back out': 'Бастапқы масштабқа қайту үшін екі рет басыңыз',
        'Download plot': 'Диаграмманы жүктеп алу',
        'Download plot as a PNG': 'PNG пішімінде жүктеп алу',
        'Image download succeeded': 'Сурет жүктеп алынды',
        'Lasso Select': 'Лассо',
        'Pan': 'Жылжыту',
        'Preparing image - this may take a few seconds': 'Сурет дайындалуда, бұл бірнеше секундқа созылуы мүмкін',
        'Reset': 'Бастапқы күйге қайтару',
        'Reset axes': 'Осьтерді бастапқы күйге қайтару',
        'Reset view': 'Көріністі бастапқы күйге қайтару',
        'Reset views': 'Көріністерді бастапқы күйге қайтару',
        'Show closest data on hover': 'Меңзерді апарғанда ең жақын деректерді көрсету',
        'Sorry, there was a problem downloading your image!': 'Кешіріңіз, суретті жүктеп алу кезінде қате шықты!',
        'Toggle Spike Lines': 'Проекция сызықтарын қосу/өшіру',
        'Toggle show closest data on hover': 'Ең жақын деректерді көрсетуді қосу/өшіру',
        'Zoom': 'Үлкейту аймағы',
        'Zoom in': 'Үлкейту',
        'Zoom out': 'Кішірейту',
        'lat:': 'Ендік:',
        'lon:': 'Бойлық:',
        'trace': 'Қатар'
    }
};
